// fill: out[...] = value, for any strided view. The value arrives as the word of out's dtype
// (converted on the CPU exactly as a typed-array store converts it).
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@group(0) @binding(1) var<uniform> p: Elementwise;

fn element(i: u32) {
  out[elementPositions(i, p).x] = p.word;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, p.n);
  for (var i = blockStart(wid, nwg, lid); i < end; i += WG) {
    element(i);
  }
}
