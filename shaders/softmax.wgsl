// softmax and log-softmax along the last axis of a C-contiguous float32 array of `rows` rows.
//   softmax(x)_j     = exp(x_j - m) / s          with m = max_j x_j, s = sum_j exp(x_j - m)
//   log_softmax(x)_j = x_j - m - log(s)
// Subtracting the row maximum keeps exp from overflowing and changes nothing mathematically.
// softmaxLines: one thread per row (many short rows, e.g. a batch of class scores);
// softmaxTree: a workgroup per row, the max and the sum halved in workgroup memory (long rows).
override LOG: u32 = 0u;

struct Params {
  rows: u32,
  len: u32,
  offset: u32,
  outOffset: u32,
}

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;

var<workgroup> scratch: array<f32, WG>;

fn write(row: u32, j: u32, m: f32, s: f32) {
  let v = x[p.offset + row * p.len + j] - m;
  out[p.outOffset + row * p.len + j] = select(expF(v) / s, v - logF(s), LOG == 1u);
}

@compute @workgroup_size(WG)
fn softmaxLines(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let row = elementIndex(wid, nwg, lid);
  if (row >= p.rows) {
    return;
  }
  let start = p.offset + row * p.len;
  var m = x[start];
  for (var j = 1u; j < p.len; j++) {
    m = max(m, x[start + j]);
  }
  var s = 0.0;
  for (var j = 0u; j < p.len; j++) {
    s += expF(x[start + j] - m);
  }
  for (var j = 0u; j < p.len; j++) {
    write(row, j, m, s);
  }
}

@compute @workgroup_size(WG)
fn softmaxTree(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let row = min(workgroupIndex(wid, nwg), p.rows - 1u);
  let start = p.offset + row * p.len;
  var m = x[start];
  for (var j = lid; j < p.len; j += WG) {
    m = max(m, x[start + j]);
  }
  scratch[lid] = m;
  for (var half = WG / 2u; half > 0u; half /= 2u) {
    workgroupBarrier();
    if (lid < half) {
      scratch[lid] = max(scratch[lid], scratch[lid + half]);
    }
  }
  workgroupBarrier();
  let rowMax = scratch[0];
  workgroupBarrier();
  var s = 0.0;
  for (var j = lid; j < p.len; j += WG) {
    s += expF(x[start + j] - rowMax);
  }
  scratch[lid] = s;
  for (var half = WG / 2u; half > 0u; half /= 2u) {
    workgroupBarrier();
    if (lid < half) {
      scratch[lid] += scratch[lid + half];
    }
  }
  workgroupBarrier();
  let total = scratch[0];
  for (var j = lid; j < p.len; j += WG) {
    write(row, j, rowMax, total);
  }
}
