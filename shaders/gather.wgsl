// gather: out[i] = x's buffer at positions[i], for same-shaped strided views `positions` (int32
// buffer positions computed by the indexing layer) and `out`; the element is cast to out's dtype.
// Fancy indexing, take and boolean masks all end here.
override X_DT: u32;
override OUT_DT: u32;

@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read> positions: array<i32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
@group(0) @binding(3) var<uniform> p: Elementwise;

fn element(i: u32) {
  let pos = elementPositions(i, p); // .x: in positions, .y: in out
  out[pos.y] = castWord(x[u32(positions[pos.x])], X_DT, OUT_DT);
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, p.n);
  for (var i = blockStart(wid, nwg, lid); i < end; i += WG) {
    element(i);
  }
}
