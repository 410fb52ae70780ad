// Loaded state is not trusted (nn): loadModel, modelFromJSON, loadWeights and the TF.js importer check
// the file (nn/saved-checks.ts) and refuse a corrupt one with a ValueError naming the layer or field.
// The worked example: a functional graph whose layer takes its input from a later layer (a cycle) used
// to crash with "Cannot read properties of undefined"; now it names the layer and the missing input.
import { test } from 'uvu';
import * as np from '../../ndarray/index.ts';
import { Sequential, Model, Input, layers, loadModel, modelFromJSON, fromTfjsArtifacts, toTfjsArtifacts } from '../../nn/index.ts';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refuses as refusesWith } from './loaded-state-helpers.ts';

type J = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Refused with a ValueError (unless told) naming `words`, and no array left behind. */
const refuses = (fn: () => unknown, words: string[], cls: new (...a: never[]) => Error = np.ValueError): Promise<void> => refusesWith(fn, cls, words);

const dir = mkdtempSync(join(tmpdir(), 'tessera-loaded-nn-'));
const functional = (): Model => {
  const input = Input({ shape: [3], name: 'x' });
  const a = new layers.Dense(4, { name: 'a' }).apply(input);
  const b = new layers.Dense(4, { name: 'b' }).apply(a);
  return new Model({ inputs: input, outputs: new layers.Add({ name: 'sum' }).apply([a, b]) });
};
const sequential = (): Sequential => new Sequential([new layers.Dense(2, { inputShape: [3], name: 'd1' }), new layers.Dense(1, { name: 'd2' })]);
const spec = (m: Model): J => { const s = JSON.parse(m.toJSON()); m.dispose(); return s; };
/** modelFromJSON refuses `bad` (built before the call, so its own arrays are not counted). */
const refusesSpec = (bad: J, words: string[]): Promise<void> => refuses(() => modelFromJSON(bad), words);
const [seqSpec, fnSpec] = [spec(sequential()), spec(functional())];

test('worked example: a cycle in a functional graph is refused, naming the layer', async () => {
  const s = structuredClone(fnSpec);
  s.config.layers[1].inbound_nodes = [[['b', 0, 0, {}]]];
  await refuses(() => modelFromJSON(s), ["layer 'a'", "its input \"b\" is not a layer defined before it", 'a cycle']);
});

test('architecture: unknown classes, unknown keys, bad values, missing parts', async () => {
  const seq = (mutate: (s: J) => void): J => { const s = structuredClone(seqSpec); mutate(s); return s; };
  await refusesSpec(seq((s) => { s.config.layers[1].class_name = 'Attention'; }), ["Unknown layer: 'Attention'", 'tessera knows']);
  await refusesSpec(seq((s) => { s.config.layers[1].config.untis = 3; }), ["unknown config key 'untis'", 'units']);
  await refusesSpec(seq((s) => { s.config.layers[1].config.units = -1; }), ["'units' is -1", 'a positive integer']);
  await refusesSpec(seq((s) => { s.config.layers[1].config.units = 1.5; }), ["'units' is 1.5"]);
  await refusesSpec(seq((s) => { s.config.layers[1].config.use_bias = 'yes'; }), ["'use_bias' is \"yes\"", 'true or false']);
  await refusesSpec(seq((s) => { s.class_name = 'Graph'; }), ['unknown model class "Graph"', "'Sequential' or 'Functional'"]);
  await refusesSpec(seq((s) => { s.config.layers = 'all'; }), ['the architecture is', '{class_name, config']);
  await refusesSpec(seq((s) => { s.config.layers[1] = null; }), ['layer 1', 'the layer is null']);
  await refusesSpec(seq((s) => { s.config.layers[0].config.batch_shape = 'big'; }), ["'batch_shape' is \"big\""]);
  await refuses(() => modelFromJSON('{"class_name": "Seq'), ['not valid JSON']);
  await refuses(() => modelFromJSON(null as never), ['the architecture is null']);
  const drop = new Sequential([new layers.Dropout(0.5, { inputShape: [3] })]);
  const d = spec(drop);
  const dropped = structuredClone(d);
  dropped.config.layers[1].config.rate = 2;
  await refuses(() => modelFromJSON(dropped), ["'rate' is 2", 'a number in [0, 1)']);
});

test('functional graphs: missing inbound node, unknown input, duplicate names, bad output', async () => {
  const fn = (mutate: (s: J) => void): J => { const s = structuredClone(fnSpec); mutate(s); return s; };
  await refusesSpec(fn((s) => { s.config.layers[2].inbound_nodes = []; }), ["layer 'b'", 'inbound_nodes is []']);
  await refusesSpec(fn((s) => { s.config.layers[3].inbound_nodes[0][1][0] = 'ghost'; }), ["layer 'sum'", '"ghost" is not a layer defined before it']);
  await refusesSpec(fn((s) => { s.config.layers[2].config.name = 'a'; }), ["two layers are named 'a'"]);
  await refusesSpec(fn((s) => { s.config.output_layers = [['nowhere', 0, 0]]; }), ['output_layers names "nowhere"']);
  await refusesSpec(fn((s) => { s.config.layers.shift(); }), ["its input \"x\" is not a layer defined before it"]);
});

test('loadModel: not JSON, wrong format/version, unknown keys, weights of wrong shape, count, dtype, bytes, NaN', async () => {
  const model = sequential();
  model.compile({ optimizer: 'adam', loss: 'mse' });
  const path = join(dir, 'model.json');
  await model.save(path);
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  const write = (mutate: (s: J) => void): string => {
    const s = structuredClone(saved);
    mutate(s);
    const p = join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(p, JSON.stringify(s));
    return p;
  };
  writeFileSync(join(dir, 'text.json'), 'not json');
  await refuses(() => loadModel(join(dir, 'text.json')), ['not valid JSON']);
  await refuses(() => loadModel(write((s) => { s.format = 'keras'; })), ['format "keras"', 'tessera.nn']);
  await refuses(() => loadModel(write((s) => { s.version = 7; })), ['version 7', 'version 1']);
  await refuses(() => loadModel(write((s) => { s.extra = 1; })), ["unknown key 'extra'"]);
  await refuses(() => loadModel(write((s) => { s.weights = null; })), ['weights is null', 'a list of arrays']);
  await refuses(() => loadModel(write((s) => { s.weights.pop(); })), ['Model expected 4 weights', 'have 3']);
  await refuses(() => loadModel(write((s) => { s.weights[0].shape = [2, 3]; s.weights[0].data = s.weights[0].data; })), ['does not match', 'expected (3, 2), got (2, 3)']);
  await refuses(() => loadModel(write((s) => { s.weights[0].shape = [4, 2]; })), ['data holds 24 bytes', 'expected 32']);
  await refuses(() => loadModel(write((s) => { s.weights[0].dtype = 'int8'; })), ['dtype "int8"', "'float32' or 'float64'"]);
  await refuses(() => loadModel(write((s) => { s.weights[0].data = '***'; })), ['data is not base64']);
  await refuses(() => loadModel(write((s) => { s.weights[1].data = btoa(String.fromCharCode(...new Uint8Array(new Float32Array([NaN, 0]).buffer))); })), ['element 0 is NaN', 'finite weights']);
  await refuses(() => loadModel(write((s) => { s.compile.loss = 3; })), ['compile', 'loss 3']);
  await refuses(() => loadModel(write((s) => { s.optimizer.iterations = -1; })), ['iterations -1', 'a non-negative integer']);
  await refuses(() => loadModel(write((s) => { s.model.config.layers[1].config.kernel = [1]; })), ["unknown config key 'kernel'"]);
  model.dispose();
});

test('TF.js import: structure, shapes, non-finite weights; its own files still load', async () => {
  const model = sequential();
  const artifacts = await toTfjsArtifacts(model);
  fromTfjsArtifacts(artifacts).dispose();
  await refuses(() => fromTfjsArtifacts({ ...artifacts, modelTopology: { class_name: 'Sequential', config: null } }), ['modelTopology.config is null']);
  await refuses(() => fromTfjsArtifacts({ ...artifacts, weightSpecs: [{ ...artifacts.weightSpecs[0], shape: [-1] }] }), ["weight 'd1/kernel' has shape [-1]"]);
  const nan = new Float32Array(artifacts.weightData.slice(0));
  nan[0] = Infinity;
  await refuses(() => fromTfjsArtifacts({ ...artifacts, weightData: nan.buffer }), ['holds Infinity at index 0', 'finite weights']);
  const topology = structuredClone(artifacts.modelTopology) as J;
  topology.config.layers[0].class_name = 'Conv3D';
  await refuses(() => fromTfjsArtifacts({ ...artifacts, modelTopology: topology }), ['tessera has no layer Conv3D']);
  model.dispose();
});

test.run();
