// nn's text output against Keras: pyFormat against Python 3.11's str.format (every expected string below was
// printed by Python), Progbar against Keras's own progbar code (Keras 3's keras/src/utils/progbar.py and
// tf.keras 2.6's, run with a fake clock on the same scripted updates), and the summaries against Keras 3's
// print_summary table drawn by rich 15 and tf.keras 2.6's print_summary.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pyFormat, formatKerasNumber, KeyError } from '../nn/utils/format.ts';
import { Progbar, formatEta, formatTime, type ProgbarOptions } from '../nn/callbacks/progbar.ts';
import { formatSummary, formatSummaryKeras2, type SummaryModel } from '../nn/summary.ts';
import { IndexError, ValueError } from '../ndarray/errors.ts';

test("worked example: pyFormat('weights.{epoch:02d}-{val_loss:.2f}.keras') names epoch 3's checkpoint as Python does", () => {
  // 'weights.{epoch:02d}-{val_loss:.2f}.keras'.format(epoch=3, val_loss=0.123456) -> 'weights.03-0.12.keras'
  assert.is(pyFormat('weights.{epoch:02d}-{val_loss:.2f}.keras', { epoch: 3, val_loss: 0.123456 }), 'weights.03-0.12.keras');
  // '{x:>8.3f}|'.format(x=3.14159) -> '   3.142|'
  assert.is(pyFormat('{x:>8.3f}|', { x: 3.14159 }), '   3.142|');
});

// [template, values, what Python's template.format(**values) printed]
const FORMAT_CASES: [string, Record<string, number | string>, string][] = [
  ["weights.{epoch:02d}-{val_loss:.2f}.keras", { epoch: 3, val_loss: 0.123456 }, "weights.03-0.12.keras"],
  ["model_{epoch:03d}_{val_loss:.03f}.weights.h5", { epoch: 12, val_loss: 1.23456 }, "model_012_1.235.weights.h5"],
  ["ckpt-{epoch:02d}-{accuracy:0.3f}-{loss:.2e}", { epoch: 100, accuracy: 0.98765, loss: 0.000123456 }, "ckpt-100-0.988-1.23e-04"],
  ["{name}/epoch_{epoch}", { name: "run1", epoch: 7 }, "run1/epoch_7"],
  ["{{epoch}} stays literal, {epoch} does not; }} and {{", { epoch: 5 }, "{epoch} stays literal, 5 does not; } and {"],
  ["batch_{batch:04d}_{val_loss:>8.2f}|", { batch: 17, val_loss: 3.14159 }, "batch_0017_    3.14|"],
  ["{val_loss}", { val_loss: 0.1 }, "0.1"],
  ["{val_loss}", { val_loss: 1e-05 }, "1e-05"],
  ["{val_loss}", { val_loss: 2.5e-07 }, "2.5e-07"],
  ["{val_loss}", { val_loss: 123456789.125 }, "123456789.125"],
  ["{accuracy:+.1%}", { accuracy: 0.9057 }, "+90.6%"],
  ["{accuracy:%}", { accuracy: 0.5 }, "50.000000%"],
  ["{loss:g}|{loss:.3g}|{loss:G}", { loss: 1.2345e-05 }, "1.2345e-05|1.23e-05|1.2345E-05"],
  ["{loss:g}|{loss:.3g}|{loss:#.3g}", { loss: 1234567.0 }, "1.23457e+06|1.23e+06|1.23e+06"],
  ["{loss:g}|{loss:#g}|{loss:.10g}", { loss: 2.5 }, "2.5|2.50000|2.5"],
  ["{x:08.3f}", { x: 3.14159 }, "0003.142"],
  ["{x:+08.3f}", { x: 3.14159 }, "+003.142"],
  ["{x:-08.3f}", { x: -3.14159 }, "-003.142"],
  ["{x: .2f}", { x: 3.14159 }, " 3.14"],
  ["{x:+.2f}", { x: -0 }, "-0.00"],
  ["{x:z.1f}", { x: -0.04 }, "0.0"],
  ["{x:.1f}", { x: -0.04 }, "-0.0"],
  ["{x:.2f}", { x: 0.125 }, "0.12"],
  ["{x:.2f}", { x: 0.375 }, "0.38"],
  ["{x:.0f}", { x: 0.5 }, "0"],
  ["{x:.0f}", { x: 1.5 }, "2"],
  ["{x:.0f}", { x: 2.5 }, "2"],
  ["{x:.1f}", { x: 0.25 }, "0.2"],
  ["{x:.2f}", { x: 2.675 }, "2.67"],
  ["{x:.3f}", { x: 1.0005 }, "1.000"],
  ["{x:.20f}", { x: 0.1 }, "0.10000000000000000555"],
  ["{x:.2f}", { x: 1e+22 }, "10000000000000000000000.00"],
  ["{x:f}", { x: 1e-07 }, "0.000000"],
  ["{x:.2e}", { x: 0.0 }, "0.00e+00"],
  ["{x:e}", { x: 123456.789 }, "1.234568e+05"],
  ["{x:.0e}", { x: 25000.0 }, "2e+04"],
  ["{x:#.0e}", { x: 3.0 }, "3.e+00"],
  ["{x:.3E}", { x: 1e-300 }, "1.000E-300"],
  ["{x:.3e}", { x: 9.9996 }, "1.000e+01"],
  ["{x:.4e}", { x: 0.00058155 }, "5.8155e-04"],
  ["{x:.4f}", { x: 1044.08061 }, "1044.0806"],
  ["{x:g}", { x: 1e-05 }, "1e-05"],
  ["{x:g}", { x: 0.0001 }, "0.0001"],
  ["{x:g}", { x: 123456.0 }, "123456"],
  ["{x:g}", { x: 1234567.0 }, "1.23457e+06"],
  ["{x:.2g}", { x: 99.5 }, "1e+02"],
  ["{x:.1}", { x: 0.25 }, "0.2"],
  ["{x:.3}", { x: 12.5 }, "12.5"],
  ["{x:.3}", { x: 123.5 }, "1.24e+02"],
  ["{x:.0}", { x: 0.5 }, "0.5"],
  ["{x:}", { x: 5e-324 }, "5e-324"],
  ["{x:}", { x: 1.2345678901234567e-300 }, "1.2345678901234568e-300"],
  ["{x:.3}", { x: -1.2345678901234567e-300 }, "-1.23e-300"],
  ["{x:.17g}", { x: 0.1 }, "0.10000000000000001"],
  ["{x:>10.2f}", { x: 3.14159 }, "      3.14"],
  ["{x:<10.2f}", { x: 3.14159 }, "3.14      "],
  ["{x:^10.2f}", { x: 3.14159 }, "   3.14   "],
  ["{x:*^11.2f}", { x: 3.14159 }, "***3.14****"],
  ["{x:x=+10.1f}", { x: 2.25 }, "+xxxxxx2.2"],
  ["{x:=+10.1f}", { x: -2.25 }, "-      2.2"],
  ["{x:010.2e}", { x: -1234.5 }, "-01.23e+03"],
  ["{x:,.2f}", { x: 1234567.891 }, "1,234,567.89"],
  ["{x:_.3f}", { x: 1234567.891 }, "1_234_567.891"],
  ["{x:012,.2f}", { x: 1234.5 }, "0,001,234.50"],
  ["{x:0=12,.2f}", { x: -1234.5 }, "-0,001,234.50"],
  ["{x:0>12,.2f}", { x: 1234.5 }, "00001,234.50"],
  ["{x:08.2f}", { x: Infinity }, "00000inf"],
  ["{x:+08.2f}", { x: -Infinity }, "-0000inf"],
  ["{x:.2f}", { x: NaN }, "nan"],
  ["{x:F}", { x: Infinity }, "INF"],
  ["{x:%}", { x: Infinity }, "inf%"],
  ["{x:^9}", { x: NaN }, "   nan   "],
  ["{x:02d}", { x: 3 }, "03"],
  ["{x:03d}", { x: 12 }, "012"],
  ["{x:03d}", { x: 1234 }, "1234"],
  ["{x:+d}", { x: 7 }, "+7"],
  ["{x: d}", { x: 7 }, " 7"],
  ["{x:05d}", { x: -42 }, "-0042"],
  ["{x:,}", { x: 1234567 }, "1,234,567"],
  ["{x:_}", { x: 1234567 }, "1_234_567"],
  ["{x:010,}", { x: 1234 }, "00,001,234"],
  ["{x:08,}", { x: 1234 }, "0,001,234"],
  ["{x:.2f}", { x: 3 }, "3.00"],
  ["{x:e}", { x: 12 }, "1.200000e+01"],
  ["{x:%}", { x: 1 }, "100.000000%"],
  ["{x:x}", { x: 255 }, "ff"],
  ["{x:#X}", { x: 255 }, "0XFF"],
  ["{x:#b}", { x: 5 }, "0b101"],
  ["{x:_b}", { x: 1000 }, "11_1110_1000"],
  ["{x:#_x}", { x: 123456 }, "0x1_e240"],
  ["{x:o}", { x: 8 }, "10"],
  ["{x:^7}", { x: 42 }, "  42   "],
  ["{x:*<6}", { x: 42 }, "42****"],
  ["{x:=+8}", { x: 42 }, "+     42"],
  ["{x:}", { x: 9007199254740992 }, "9007199254740992"],
  ["{x:s}", { x: "sequential" }, "sequential"],
  ["{x:>12}", { x: "dense" }, "       dense"],
  ["{x:^11}", { x: "dense" }, "   dense   "],
  ["{x:*<9}", { x: "dense" }, "dense****"],
  ["{x:.3}", { x: "dropout" }, "dro"],
  ["{x:8.3}", { x: "dropout" }, "dro     "],
  ["{x:05}", { x: "ab" }, "ab000"],
];

test('pyFormat fills templates as Python\'s str.format does', () => {
  for (const [template, values, expected] of FORMAT_CASES) {
    assert.is(pyFormat(template, values), expected, `${template} with ${JSON.stringify(values)}`);
  }
});

test('pyFormat formats an integer-valued number as a Python int', () => {
  assert.is(pyFormat('{x}', { x: 2 }), '2');
  assert.is(pyFormat('{x}', { x: 2.5 }), '2.5');
  assert.is(pyFormat('{x:.1f}', { x: 2 }), '2.0');
});

test('pyFormat: a missing key is a KeyError naming the key and the keys given', () => {
  try {
    pyFormat('weights.{epoch:02d}-{val_acc:.2f}.keras', { epoch: 1, loss: 0.5, val_loss: 0.4 });
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, KeyError);
    assert.is((e as KeyError).key, 'val_acc');
    assert.match((e as Error).message, /^'val_acc'/);
    assert.match((e as Error).message, /epoch, loss, val_loss/);
  }
});

// [template, values, Python's ValueError or IndexError message]
const FORMAT_ERRORS: [string, Record<string, number | string>, string][] = [
  ['{x:,s}', { x: 'a' }, "Cannot specify ',' with 's'."],
  ['{x:,d}', { x: 'a' }, "Unknown format code 'd' for object of type 'str'"],
  ['{x:+s}', { x: 'a' }, 'Sign not allowed in string format specifier'],
  ['{x:=5}', { x: 'a' }, "'=' alignment not allowed in string format specifier"],
  ['{x:.2d}', { x: 3 }, 'Precision not allowed in integer format specifier'],
  ['{x:.3ff}', { x: 1.5 }, "Invalid format specifier '.3ff' for object of type 'float'"],
  ['{x:.}', { x: 1.5 }, 'Format specifier missing precision'],
  ['{x:d}', { x: 1.5 }, "Unknown format code 'd' for object of type 'float'"],
  ['{x:s}', { x: 2 }, "Unknown format code 's' for object of type 'int'"],
  ['{x:,_}', { x: 2 }, "Cannot specify both ',' and '_'."],
  ['{x:,,}', { x: 2 }, "Cannot specify ',' with ','."],
  ['{x:,x}', { x: 2 }, "Cannot specify ',' with 'x'."],
  ['{x:q}', { x: 1.5 }, "Unknown format code 'q' for object of type 'float'"],
  ['{x:zd}', { x: 3 }, 'Negative zero coercion (z) not allowed in integer format specifier'],
  ['{', {}, "Single '{' encountered in format string"],
  ['}', {}, "Single '}' encountered in format string"],
  ['{x', { x: 1 }, "expected '}' before end of string"],
  ['{x{y}', { x: 1 }, "unexpected '{' in field name"],
  ['{}', { x: 1 }, 'Replacement index 0 out of range for positional args tuple'],
];

test('pyFormat raises Python\'s ValueError and IndexError messages', () => {
  for (const [template, values, message] of FORMAT_ERRORS) {
    try {
      pyFormat(template, values);
      assert.unreachable(`${template} should throw`);
    } catch (e) {
      assert.ok(e instanceof ValueError || e instanceof IndexError, `${template}: ${e}`);
      assert.is((e as Error).message, message, template);
    }
  }
});

test('formatKerasNumber: .4f above 1e-3 in absolute value, else .4e (verbose=2 drops the abs)', () => {
  assert.is(formatKerasNumber(1044.08061), '1044.0806');
  assert.is(formatKerasNumber(5.8155e-4), '5.8155e-04');
  assert.is(formatKerasNumber(0.0011), '0.0011');
  assert.is(formatKerasNumber(0.001), '1.0000e-03');
  assert.is(formatKerasNumber(0), '0.0000e+00');
  assert.is(formatKerasNumber(-0.5), '-0.5000');
  assert.is(formatKerasNumber(-0.5, 2), '-5.0000e-01');
  assert.is(formatKerasNumber(NaN), 'nan');
});

test('Progbar time formats: _format_time units and the ETA forms', () => {
  assert.is(formatTime(2.5, 'step'), ' 2s/step');
  assert.is(formatTime(0, 'step'), ' 0s/step');
  assert.is(formatTime(0.0123, 'step'), ' 12ms/step');
  assert.is(formatTime(0.0009996, 'step'), ' 1000us/step');
  assert.is(formatEta(59.9), '59s');
  assert.is(formatEta(61.5), '1:01');
  assert.is(formatEta(3725.9), '1:02:05');
});

/** Backspaces over the previous line, then a carriage return. */
const B = (n: number): string => '\b'.repeat(n) + '\r';
const bold = (s: string): string => `\x1b[1m${s}\x1b[0m`;
const green = (n: number): string => `\x1b[32m${'━'.repeat(n)}\x1b[0m`;
const white = (n: number): string => `\x1b[37m${'━'.repeat(n)}\x1b[0m`;

type Step = [number, number, [string, number][], boolean?];

/** Runs the updates, each at its clock time in seconds, and returns everything the bar wrote. */
function run(options: Omit<ProgbarOptions, 'now' | 'write'>, start: number, steps: Step[]): string {
  let now = start;
  let out = '';
  const bar = new Progbar({ ...options, now: () => now, write: (s) => { out += s; } });
  for (const [current, time, values, finalize] of steps) {
    now = time;
    bar.update(current, values, finalize);
  }
  return out;
}

const FIT_STEPS = [[1, 1000.5, [["loss", 0.9123], ["accuracy", 0.5]]], [2, 1000.7, [["loss", 0.7], ["accuracy", 0.61]]], [3, 1000.72, [["loss", 0.65], ["accuracy", 0.65]]], [4, 1000.9, [["loss", 0.6], ["accuracy", 0.7]]], [5, 1001.1, [["loss", 0.34], ["accuracy", 0.75]]], [6, 1001.3, [["loss", 0.5], ["accuracy", 0.8]]], [7, 1001.5, [["loss", 0.45], ["accuracy", 0.85]]], [8, 1001.7, [["loss", 0.4], ["accuracy", 0.88]]], [9, 1001.9, [["loss", 0.35], ["accuracy", 0.9]]], [10, 1002.3, [["accuracy", 0.9057], ["loss", 0.3404]]]] as Step[];

test('Progbar, Keras 3, verbose 1 on a terminal: redraws in place, skips updates within 0.05 s', () => {
  const out = run({ target: 10, statelessMetrics: [], dynamicDisplay: true }, 1000, FIT_STEPS);
  assert.is(out, `\r${bold(' 1/10')} ${green(2)}${white(18)} ${bold('4s')} 500ms/step - loss: 0.9123 - accuracy: 0.5000${B(74)}${bold(' 2/10')} ${green(4)}${white(16)} ${bold('1s')} 200ms/step - loss: 0.7000 - accuracy: 0.6100${B(74)}${bold(' 4/10')} ${green(8)}${white(12)} ${bold('0s')} 133ms/step - loss: 0.6000 - accuracy: 0.7000${B(74)}${bold(' 5/10')} ${green(10)}${white(10)} ${bold('0s')} 150ms/step - loss: 0.3400 - accuracy: 0.7500${B(74)}${bold(' 6/10')} ${green(12)}${white(8)} ${bold('0s')} 160ms/step - loss: 0.5000 - accuracy: 0.8000${B(74)}${bold(' 7/10')} ${green(14)}${white(6)} ${bold('0s')} 167ms/step - loss: 0.4500 - accuracy: 0.8500${B(74)}${bold(' 8/10')} ${green(16)}${white(4)} ${bold('0s')} 171ms/step - loss: 0.4000 - accuracy: 0.8800${B(74)}${bold(' 9/10')} ${green(18)}${white(2)} ${bold('0s')} 175ms/step - loss: 0.3500 - accuracy: 0.9000${B(74)}${bold('10/10')} ${green(20)}${white(0)} ${bold('2s')} 200ms/step - loss: 0.3404 - accuracy: 0.9057\n`);
});

const PIPE_STEPS = [[1, 1000.5, [["loss", 0.9123]]], [5, 1001.1, [["loss", 0.34]]], [10, 1002.3, [["loss", 0.3404]]]] as Step[];

test('Progbar, Keras 3, verbose 1 without dynamic display: one line per redraw', () => {
  const out = run({ target: 10, statelessMetrics: [], dynamicDisplay: false }, 1000, PIPE_STEPS);
  assert.is(out, `\n${bold(' 1/10')} ${green(2)}${white(18)} ${bold('4s')} 500ms/step - loss: 0.9123\n${bold(' 5/10')} ${green(10)}${white(10)} ${bold('0s')} 150ms/step - loss: 0.3400\n${bold('10/10')} ${green(20)}${white(0)} ${bold('2s')} 200ms/step - loss: 0.3404\n`);
  const plain = run({ target: 10, statelessMetrics: [], dynamicDisplay: false, colors: false }, 1000, PIPE_STEPS);
  assert.is(plain, out.replace(/\x1b\[\d+m/g, ''));
});

const EPOCH_STEPS = [[1, 50.3, [["loss", 1.0]]], [100, 51.2, [["loss", 0.5]]], [176, 52.4, [["loss", 0.3404], ["accuracy", 0.9057], ["val_loss", -0.25], ["val_accuracy", 0.0]]]] as Step[];

test('Progbar verbose 2: one line per epoch (Keras 3 adds the time per step)', () => {
  assert.is(run({ target: 176, verbose: 2, statelessMetrics: [] }, 50, EPOCH_STEPS), `176/176 - 2s - 12ms/step - loss: 0.3404 - accuracy: 0.9057 - val_loss: -2.5000e-01 - val_accuracy: 0.0000e+00\n`);
  const stateful = ['loss', 'accuracy', 'val_loss', 'val_accuracy'];
  assert.is(run({ target: 176, verbose: 2, style: 'keras2', statefulMetrics: stateful }, 50, EPOCH_STEPS), `176/176 - 2s - loss: 0.3404 - accuracy: 0.9057 - val_loss: -2.5000e-01 - val_accuracy: 0.0000e+00\n`);
});

test('Progbar averages stateless values over steps (Keras 3 shows the last value at the end)', () => {
  const steps = [[1, 100.0, [["loss", 2.0], ["mae", 0.0]]], [3, 100.5, [["loss", 1.0], ["mae", 0.0001]]], [4, 101.0, [["loss", -0.5], ["mae", 0.002]]], [5, 101.2, [["loss", 0.25], ["mae", 0.001]]]] as Step[];
  assert.is(run({ target: 5, dynamicDisplay: true }, 0, steps), `\r${bold('1/5')} ${green(4)}${white(16)} ${bold('6:40')} 100s/step - loss: 2.0000 - mae: 0.0000e+00${B(72)}${bold('3/5')} ${green(12)}${white(8)} ${bold('0s')} 250ms/step - loss: 1.3333 - mae: 6.6667e-05 ${B(71)}${bold('4/5')} ${green(16)}${white(4)} ${bold('0s')} 333ms/step - loss: 0.8750 - mae: 5.5000e-04${B(71)}${bold('5/5')} ${green(20)}${white(0)} ${bold('101s')} 300ms/step - loss: 0.2500 - mae: 1.0000e-03\n`);
});

test('Progbar: long ETAs, bars that have not started, and a growing then shrinking line', () => {
  const steps = [[1, 2.0, [["loss", 12345.678]]], [2, 7.5, [["loss", 1044.08061]]], [10, 52.5, [["loss", 0.00058155]]], [999, 9999.5, [["loss", 0.5]]], [1000, 10005.5, [["loss", 0.0]]]] as Step[];
  assert.is(run({ target: 1000, statelessMetrics: [], dynamicDisplay: true }, 0, steps), `\r${bold('   1/1000')} ${white(20)} ${bold('33:18')} 2s/step - loss: 12345.6780${B(63)}${bold('   2/1000')} ${white(20)} ${bold('1:31:29')} 6s/step - loss: 1044.0806${B(64)}${bold('  10/1000')} ${white(20)} ${bold('1:32:35')} 6s/step - loss: 5.8155e-04${B(65)}${bold(' 999/1000')} ${green(19)}${white(1)} ${bold('10s')} 10s/step - loss: 0.5000       ${B(58)}${bold('1000/1000')} ${green(20)}${white(0)} ${bold('10006s')} 10s/step - loss: 0.0000e+00\n`);
  assert.is(run({ target: 1000, style: 'keras2', width: 25, dynamicDisplay: true }, 0, steps), `\r   1/1000 [.........................] - ETA: 33:18 - loss: 12345.6780${B(69)}   2/1000 [.........................] - ETA: 1:31:29 - loss: 6694.8793${B(70)}  10/1000 [.........................] - ETA: 1:32:35 - loss: 1338.9763${B(70)} 999/1000 [=======================>.] - ETA: 10s - loss: 13.8982      ${B(64)}1000/1000 [=========================] - 10006s 10s/step - loss: 13.8843\n`);
});

test('Progbar with an unknown target', () => {
  const steps = [[1, 1000.001, [["loss", 0.5]]], [2, 1000.0015, [["loss", 0.4]]], [3, 1000.0621, [["loss", 0.3]]], [3, 1000.0622, [["loss", 0.3]], true]] as Step[];
  assert.is(run({ target: null, statelessMetrics: [], dynamicDisplay: true }, 1000, steps), `\r      1/Unknown ${bold('0s')} 1000us/step - loss: 0.5000${B(45)}      3/Unknown ${bold('0s')} 31ms/step - loss: 0.3000  ${B(43)}      3/Unknown ${bold('0s')} 31ms/step - loss: 0.3000\n`);
});

test('Progbar, Keras 2 style: [====>....] bar, ETA label, averaged loss', () => {
  const steps = [[1, 1000.5, [["loss", 0.9123], ["accuracy", 0.5]]], [2, 1000.7, [["loss", 0.7], ["accuracy", 0.61]]], [3, 1000.72, [["loss", 0.65], ["accuracy", 0.65]]], [5, 1001.1, [["loss", 0.34], ["accuracy", 0.75]]], [9, 1001.9, [["loss", 0.35], ["accuracy", 0.9]]], [10, 1002.3, [["loss", 0.3404], ["accuracy", 0.9057]]]] as Step[];
  assert.is(run({ target: 10, style: 'keras2', statefulMetrics: ['accuracy'], dynamicDisplay: true }, 1000, steps), `\r 1/10 [==>...........................] - ETA: 4s - loss: 0.9123 - accuracy: 0.5000${B(82)} 2/10 [=====>........................] - ETA: 1s - loss: 0.8061 - accuracy: 0.6100${B(82)} 5/10 [==============>...............] - ETA: 0s - loss: 0.5885 - accuracy: 0.7500${B(82)} 9/10 [==========================>...] - ETA: 0s - loss: 0.4825 - accuracy: 0.9000${B(82)}10/10 [==============================] - 2s 200ms/step - loss: 0.4683 - accuracy: 0.9057\n`);
  assert.is(run({ target: 10, style: 'keras2', dynamicDisplay: false }, 1000, PIPE_STEPS), `\n 1/10 [==>...........................] - ETA: 4s - loss: 0.9123\n 5/10 [==============>...............] - ETA: 0s - loss: 0.4545\n10/10 [==============================] - 2s 200ms/step - loss: 0.3974\n`);
});

/** Dense(64) on 64 inputs, Dropout, Dense(10): 4,160 + 0 + 650 parameters. */
const SEQUENTIAL: SummaryModel = {
  name: 'sequential',
  className: 'Sequential',
  rows: [
    { name: 'dense', className: 'Dense', outputShape: [null, 64], params: 4160 },
    { name: 'dropout', className: 'Dropout', outputShape: [null, 64], params: 0 },
    { name: 'dense_1', className: 'Dense', outputShape: [null, 10], params: 650 },
  ],
  trainable: 4810,
  nonTrainable: 0,
};

test('formatSummary: Keras 3\'s table for a Sequential model, 88 and 76 columns', () => {
  assert.is(formatSummary(SEQUENTIAL, { lineLength: 88 }), [
    "Model: \"sequential\"",
    "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓",
    "┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃",
    "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩",
    "│ dense (Dense)                        │ (None, 64)                  │           4,160 │",
    "├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤",
    "│ dropout (Dropout)                    │ (None, 64)                  │               0 │",
    "├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤",
    "│ dense_1 (Dense)                      │ (None, 10)                  │             650 │",
    "└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘",
    " Total params: 4,810 (18.79 KB)",
    " Trainable params: 4,810 (18.79 KB)",
    " Non-trainable params: 0 (0.00 B)",
  ].join('\n'));
  // Compiled with Adam and built: 2 slots a weight, plus the int64 iteration count and the learning rate.
  const compiled = { ...SEQUENTIAL, optimizerParams: 9622, optimizerBytes: 38492 };
  assert.is(formatSummary(compiled, { lineLength: 76 }), [
    "Model: \"sequential\"",
    "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓",
    "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃",
    "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩",
    "│ dense (Dense)                   │ (None, 64)             │         4,160 │",
    "├─────────────────────────────────┼────────────────────────┼───────────────┤",
    "│ dropout (Dropout)               │ (None, 64)             │             0 │",
    "├─────────────────────────────────┼────────────────────────┼───────────────┤",
    "│ dense_1 (Dense)                 │ (None, 10)             │           650 │",
    "└─────────────────────────────────┴────────────────────────┴───────────────┘",
    " Total params: 14,432 (56.38 KB)",
    " Trainable params: 4,810 (18.79 KB)",
    " Non-trainable params: 0 (0.00 B)",
    " Optimizer params: 9,622 (37.59 KB)",
  ].join('\n'));
});

test('formatSummary: unbuilt layers, 1-D shapes, names that do not fit', () => {
  const model: SummaryModel = {
    name: 'sequential_1',
    className: 'Sequential',
    rows: [
      { name: 'dense_2', className: 'Dense', outputShape: null, params: 0, built: false },
      { name: 'a_really_long_layer_name_that_will_not_fit_anywhere', className: 'BatchNormalization', outputShape: [null], params: 1234567 },
    ],
    trainable: 0,
    nonTrainable: 123456789,
  };
  assert.is(formatSummary(model, { lineLength: 60 }), [
    "Model: \"sequential_1\"",
    "┏━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┓",
    "┃ Layer (type)             ┃ Output Shape      ┃   Param # ┃",
    "┡━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━┩",
    "│ dense_2 (Dense)          │ ?                 │         0 │",
    "│                          │                   │ (unbuilt) │",
    "├──────────────────────────┼───────────────────┼───────────┤",
    "│ a_really_long_layer_nam… │ (None)            │ 1,234,567 │",
    "│ (BatchNormalization)     │                   │           │",
    "└──────────────────────────┴───────────────────┴───────────┘",
    " Total params: 123,456,789 (470.95 MB)",
    " Trainable params: 0 (0.00 B)",
    " Non-trainable params: 123,456,789 (470.95 MB)",
  ].join('\n'));
  assert.is(formatSummaryKeras2(model, { lineLength: 50 }), [
    "Model: \"sequential_1\"",
    "__________________________________________________",
    "Layer (type)          Output Shape        Param # ",
    "==================================================",
    "dense_2 (Dense)       multiple            0 (unuse",
    "__________________________________________________",
    "a_really_long_layer_n (None,)             1234567 ",
    "==================================================",
    "Total params: 123,456,789",
    "Trainable params: 0",
    "Non-trainable params: 123,456,789",
    "__________________________________________________",
  ].join('\n'));
});

/** A branching Functional model: Keras adds the "Connected to" column. */
const FUNCTIONAL: SummaryModel = {
  name: 'functional',
  className: 'Functional',
  rows: [
    { name: 'input_layer', className: 'InputLayer', outputShape: [null, 28, 28, 1], params: 0 },
    { name: 'conv2d', className: 'Conv2D', outputShape: [null, 26, 26, 32], params: 320, connectedTo: ['input_layer'] },
    { name: 'flatten', className: 'Flatten', outputShape: [null, 21632], params: 0, connectedTo: ['conv2d[0][0]'] },
    { name: 'dense_branch_with_a_long_name', className: 'Dense', outputShape: [null, 64], params: 1384512, connectedTo: ['flatten[0][0]'] },
    { name: 'dense_other', className: 'Dense', outputShape: [null, 64], params: 1384512, connectedTo: ['flatten[0][0]'] },
    { name: 'concatenate', className: 'Concatenate', outputShape: [null, 128], params: 0,
      connectedTo: ['dense_branch_with_a_long_name[0][0]', 'dense_other[0][0]'] },
    { name: 'heads', className: 'Dense', outputShape: [[null, 2], [null, 3]], params: 258, connectedTo: ['concatenate[0][0]'] },
  ],
  trainable: 2769602,
  nonTrainable: 0,
};

test('formatSummary: a Functional model at 108 and 70 columns (wrapping and "…")', () => {
  assert.is(formatSummary(FUNCTIONAL, { lineLength: 108 }), [
    "Model: \"functional\"",
    "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
    "┃ Layer (type)                  ┃ Output Shape              ┃         Param # ┃ Connected to               ┃",
    "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩",
    "│ input_layer (InputLayer)      │ (None, 28, 28, 1)         │               0 │ -                          │",
    "├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤",
    "│ conv2d (Conv2D)               │ (None, 26, 26, 32)        │             320 │ input_layer[0][0]          │",
    "├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤",
    "│ flatten (Flatten)             │ (None, 21632)             │               0 │ conv2d[0][0]               │",
    "├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤",
    "│ dense_branch_with_a_long_name │ (None, 64)                │       1,384,512 │ flatten[0][0]              │",
    "│ (Dense)                       │                           │                 │                            │",
    "├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤",
    "│ dense_other (Dense)           │ (None, 64)                │       1,384,512 │ flatten[0][0]              │",
    "├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤",
    "│ concatenate (Concatenate)     │ (None, 128)               │               0 │ dense_branch_with_a_long_… │",
    "│                               │                           │                 │ dense_other[0][0]          │",
    "├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤",
    "│ heads (Dense)                 │ [(None, 2), (None, 3)]    │             258 │ concatenate[0][0]          │",
    "└───────────────────────────────┴───────────────────────────┴─────────────────┴────────────────────────────┘",
    " Total params: 2,769,602 (10.57 MB)",
    " Trainable params: 2,769,602 (10.57 MB)",
    " Non-trainable params: 0 (0.00 B)",
  ].join('\n'));
  const narrow: SummaryModel = { ...FUNCTIONAL, trainable: 2769024,
    rows: [FUNCTIONAL.rows[0], ...FUNCTIONAL.rows.slice(3, 6).map((r) => (r.name === 'concatenate' ? r : { ...r, connectedTo: ['input_layer'] }))] };
  assert.is(formatSummary(narrow, { lineLength: 70 }), [
    "Model: \"functional\"",
    "┏━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┓",
    "┃ Layer (type)       ┃ Output Shape    ┃  Param # ┃ Connected to     ┃",
    "┡━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━┩",
    "│ input_layer        │ (None, 28, 28,  │        0 │ -                │",
    "│ (InputLayer)       │ 1)              │          │                  │",
    "├────────────────────┼─────────────────┼──────────┼──────────────────┤",
    "│ dense_branch_with… │ (None, 64)      │ 1,384,5… │ input_layer[0][… │",
    "│ (Dense)            │                 │          │                  │",
    "├────────────────────┼─────────────────┼──────────┼──────────────────┤",
    "│ dense_other        │ (None, 64)      │ 1,384,5… │ input_layer[0][… │",
    "│ (Dense)            │                 │          │                  │",
    "├────────────────────┼─────────────────┼──────────┼──────────────────┤",
    "│ concatenate        │ (None, 128)     │        0 │ dense_branch_wi… │",
    "│ (Concatenate)      │                 │          │ dense_other[0][… │",
    "└────────────────────┴─────────────────┴──────────┴──────────────────┘",
    " Total params: 2,769,024 (10.56 MB)",
    " Trainable params: 2,769,024 (10.56 MB)",
    " Non-trainable params: 0 (0.00 B)",
  ].join('\n'));
});

test('formatSummaryKeras2: tf.keras 2.6\'s layout, as in the tutorials', () => {
  assert.is(formatSummaryKeras2(SEQUENTIAL), [
    "Model: \"sequential\"",
    "_________________________________________________________________",
    "Layer (type)                 Output Shape              Param #   ",
    "=================================================================",
    "dense (Dense)                (None, 64)                4160      ",
    "_________________________________________________________________",
    "dropout (Dropout)            (None, 64)                0         ",
    "_________________________________________________________________",
    "dense_1 (Dense)              (None, 10)                650       ",
    "=================================================================",
    "Total params: 4,810",
    "Trainable params: 4,810",
    "Non-trainable params: 0",
    "_________________________________________________________________",
  ].join('\n'));
  assert.is(formatSummaryKeras2(FUNCTIONAL), [
    "Model: \"functional\"",
    "__________________________________________________________________________________________________",
    "Layer (type)                    Output Shape         Param #     Connected to                     ",
    "==================================================================================================",
    "input_layer (InputLayer)        (None, 28, 28, 1)    0                                            ",
    "__________________________________________________________________________________________________",
    "conv2d (Conv2D)                 (None, 26, 26, 32)   320         input_layer[0][0]                ",
    "__________________________________________________________________________________________________",
    "flatten (Flatten)               (None, 21632)        0           conv2d[0][0]                     ",
    "__________________________________________________________________________________________________",
    "dense_branch_with_a_long_name ( (None, 64)           1384512     flatten[0][0]                    ",
    "__________________________________________________________________________________________________",
    "dense_other (Dense)             (None, 64)           1384512     flatten[0][0]                    ",
    "__________________________________________________________________________________________________",
    "concatenate (Concatenate)       (None, 128)          0           dense_branch_with_a_long_name[0][",
    "                                                                 dense_other[0][0]                ",
    "__________________________________________________________________________________________________",
    "heads (Dense)                   [(None, 2), (None, 3 258         concatenate[0][0]                ",
    "==================================================================================================",
    "Total params: 2,769,602",
    "Trainable params: 2,769,602",
    "Non-trainable params: 0",
    "__________________________________________________________________________________________________",
  ].join('\n'));
});

test.run();
