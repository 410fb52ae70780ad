// scatter: out's buffer at positions[i] = values[i]. When a position repeats, the last i wins, as
// in NumPy's sequential loop; threads run in no order, so it takes two dispatches:
//   scatterClaim: every i does atomicMax(winner[position], i + 1) (winner starts at 0);
//   scatterWrite: only the i whose i + 1 is still the winner writes.
//   scatterAdd: out[position] += value for float32, repeats all counted (np.add.at, the gradient of
//   a gather): WGSL has no float atomics, so each thread swaps the word in with a compare-and-swap
//   loop (atomicCompareExchangeWeak) until no other thread changed it in between.
// Uniform operands: .x positions, .y values (same shape, strided).
override V_DT: u32;
override OUT_DT: u32;

@group(0) @binding(0) var<storage, read> positions: array<i32>;
@group(0) @binding(1) var<storage, read_write> winner: array<atomic<u32>>;
@group(0) @binding(2) var<uniform> p: Elementwise;

@group(0) @binding(1) var<storage, read> values: array<u32>;
@group(0) @binding(2) var<storage, read> winnerOf: array<u32>;
@group(0) @binding(3) var<storage, read_write> out: array<u32>;
@group(0) @binding(4) var<uniform> q: Elementwise;

fn scatterClaimElement(i: u32) {
  atomicMax(&winner[u32(positions[elementPositions(i, p).x])], i + 1u);
}

@compute @workgroup_size(WG)
fn scatterClaim(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, p.n);
  for (var i = blockStart(wid, nwg, lid); i < end; i += WG) {
    scatterClaimElement(i);
  }
}

fn scatterWriteElement(i: u32) {
  let pos = elementPositions(i, q);
  let dest = u32(positions[pos.x]);
  if (winnerOf[dest] == i + 1u) {
    out[dest] = castWord(values[pos.y], V_DT, OUT_DT);
  }
}

@compute @workgroup_size(WG)
fn scatterWrite(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, q.n);
  for (var i = blockStart(wid, nwg, lid); i < end; i += WG) {
    scatterWriteElement(i);
  }
}

@group(0) @binding(2) var<storage, read_write> sums: array<atomic<u32>>;
@group(0) @binding(3) var<uniform> r: Elementwise;

fn scatterAddElement(i: u32) {
  let pos = elementPositions(i, r);
  let dest = u32(positions[pos.x]);
  let value = bitcast<f32>(values[pos.y]);
  var old = atomicLoad(&sums[dest]);
  loop {
    let swapped = atomicCompareExchangeWeak(&sums[dest], old, bitcast<u32>(bitcast<f32>(old) + value));
    if (swapped.exchanged) { break; }
    old = swapped.old_value;
  }
}

@compute @workgroup_size(WG)
fn scatterAdd(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, r.n);
  for (var i = blockStart(wid, nwg, lid); i < end; i += WG) {
    scatterAddElement(i);
  }
}
