// copy: out[...] = cast(x[...]) between any two same-shaped strided views, converting dtypes as a
// C cast does (castWord in common.wgsl). Materialising a transpose, astype and the readback of a
// non-contiguous view are all this kernel.
override X_DT: u32;
override OUT_DT: u32;

@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@group(0) @binding(2) var<uniform> p: Elementwise;

fn element(i: u32) {
  let pos = elementPositions(i, p);
  out[pos.y] = castWord(x[pos.x], X_DT, OUT_DT);
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, p.n);
  for (var i = blockStart(wid, nwg, lid); i < end; i += WG) {
    element(i);
  }
}
