import { test } from 'uvu'; import * as assert from 'uvu/assert'; import { f } from '../zzcov/x.ts';
test('f', () => assert.is(f(1), 1)); test.run();
