// Fused optimizer updates: one thread per parameter reads the gradient and the optimizer's state
// and writes the new parameter and state in place (one dispatch instead of a chain of ufuncs).
// The formulas are Keras 3's (g: gradient, lr: learning rate):
//   sgd:      v = momentum*v - lr*g;  p += v  (nesterov: p += momentum*v - lr*g); no momentum: p -= lr*g
//   rmsprop:  v = rho*v + (1-rho)*g^2;  p -= lr*g / sqrt(v + eps)
//   adam:     m += (g - m)*(1-beta1);  v += (g^2 - v)*(1-beta2);  p -= alpha*m / (sqrt(v) + eps),
//             alpha = lr*sqrt(1 - beta2^t) / (1 - beta1^t), computed on the CPU for step t.
// All buffers are contiguous float32 vectors of n elements (offsets in elements).
struct Params {
  offsets: vec4u,     // param, grad, state1, state2
  n: u32,
  lr: f32,
  momentum: f32,      // sgd momentum, rmsprop rho, adam beta1
  beta2: f32,
  epsilon: f32,
  alpha: f32,
  nesterov: u32,
}

@group(0) @binding(0) var<storage, read_write> param: array<f32>;
@group(0) @binding(1) var<storage, read> grad: array<f32>;
@group(0) @binding(2) var<storage, read_write> s1: array<f32>;
@group(0) @binding(3) var<storage, read_write> s2: array<f32>;
@group(0) @binding(4) var<uniform> p: Params;

fn sgdElement(i: u32) {
  let g = grad[p.offsets.y + i];
  let ip = p.offsets.x + i;
  if (p.momentum == 0.0) {
    param[ip] -= p.lr * g;
    return;
  }
  let iv = p.offsets.z + i;
  let v = p.momentum * s1[iv] - p.lr * g;
  s1[iv] = v;
  param[ip] += select(v, p.momentum * v - p.lr * g, p.nesterov == 1u);
}

@compute @workgroup_size(WG)
fn sgd(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, p.n);
  for (var i = blockStart(wid, nwg, lid); i < end; i += WG) {
    sgdElement(i);
  }
}

fn rmspropElement(i: u32) {
  let g = grad[p.offsets.y + i];
  let iv = p.offsets.z + i;
  let v = p.momentum * s1[iv] + (1.0 - p.momentum) * g * g;
  s1[iv] = v;
  param[p.offsets.x + i] -= p.lr * g / sqrt(v + p.epsilon);
}

@compute @workgroup_size(WG)
fn rmsprop(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, p.n);
  for (var i = blockStart(wid, nwg, lid); i < end; i += WG) {
    rmspropElement(i);
  }
}

fn adamElement(i: u32) {
  let g = grad[p.offsets.y + i];
  let im = p.offsets.z + i;
  let iv = p.offsets.w + i;
  let m = s1[im] + (g - s1[im]) * (1.0 - p.momentum);
  let v = s2[iv] + (g * g - s2[iv]) * (1.0 - p.beta2);
  s1[im] = m;
  s2[iv] = v;
  param[p.offsets.x + i] -= p.alpha * m / (sqrt(v) + p.epsilon);
}

@compute @workgroup_size(WG)
fn adam(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, p.n);
  for (var i = blockStart(wid, nwg, lid); i < end; i += WG) {
    adamElement(i);
  }
}
