// where: out = cond ? a : b, elementwise over four same-shaped strided views (any may broadcast).
// cond is true where its word is non-zero (NaN counts as true); a and b are cast to out's dtype.
override C_DT: u32;
override A_DT: u32;
override B_DT: u32;
override OUT_DT: u32;

@group(0) @binding(0) var<storage, read> cond: array<u32>;
@group(0) @binding(1) var<storage, read> a: array<u32>;
@group(0) @binding(2) var<storage, read> b: array<u32>;
@group(0) @binding(3) var<storage, read_write> out: array<u32>;
@group(0) @binding(4) var<uniform> p: Elementwise;

fn element(i: u32) {
  let pos = elementPositions(i, p);
  if (wordIsTrue(cond[pos.x], C_DT)) {
    out[pos.w] = castWord(a[pos.y], A_DT, OUT_DT);
  } else {
    out[pos.w] = castWord(b[pos.z], B_DT, OUT_DT);
  }
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, p.n);
  for (var i = blockStart(wid, nwg, lid); i < end; i += WG) {
    element(i);
  }
}
