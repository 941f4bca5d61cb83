import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeKey, describeKeyIn } from './schemaDescription';

const SCHEMA = {
  type: 'object',
  properties: {
    vms: { type: 'object', additionalProperties: { $ref: '#/definitions/vm' } },
    waves: { type: 'array', items: { $ref: '#/$defs/wave' } },
    disk: { oneOf: [{ type: 'string' }, { type: 'object', properties: { used: { description: 'Used <bytes>' } } }] },
    tagged: { patternProperties: { '^x-': { description: 'Extension key.' } } },
    loop: { $ref: '#/definitions/loop' },
  },
  definitions: {
    vm: { allOf: [{ properties: { memory: { description: 'Memory size.', markdownDescription: '**Memory** size.' } } }] },
    loop: { $ref: '#/definitions/loop' },
  },
  $defs: { wave: { properties: { name: { title: 'Wave name', description: 'Display name.' } } } },
};

describe('describeKeyIn: walks the schema along a YAML path', () => {
  const rows: { path: (string | number)[]; expected: string | undefined; title?: string }[] = [
    { path: ['vms', 'web01', 'memory'], expected: '**Memory** size.' }, // additionalProperties + $ref + allOf; markdownDescription wins
    { path: ['waves', 3, 'name'], expected: 'Display name.', title: 'Wave name' }, // items + $defs
    { path: ['disk', 'used'], expected: 'Used \\<bytes\\>' }, // oneOf branch; plain description escaped
    { path: ['tagged', 'x-owner'], expected: 'Extension key.' }, // patternProperties
    { path: ['nope'], expected: undefined },
    { path: ['loop', 'x'], expected: undefined }, // a $ref cycle ends, it does not hang
  ];
  for (const row of rows) {
    it(row.path.join('.'), () => {
      const found = describeKeyIn(SCHEMA, row.path);
      assert.equal(found?.markdown, row.expected);
      if (row.title) assert.equal(found?.title, row.title);
    });
  }

  it('finds descriptions in the bundled runbook schema', () => {
    assert.match(describeKey(['name'])?.markdown ?? '', /name/i);
    assert.ok(describeKey(['vms', 'any-vm', 'memory']), 'vms.<id>.memory is described');
    assert.ok(describeKey(['waves', 0, 'window', 'duration']), 'waves[].window.duration is described');
  });
});
