#!/usr/bin/env node
/**
 * Regenerate content/data/pokemon.txt byte for byte from the npm package pokemon@3.3.1.
 *
 * Provenance: pokemon@3.3.1 by Sindre Sorhus, MIT licence, ships `data/en.json`, the English names of
 * the 1,025 Pokémon in National Pokédex order. We lowercase each name (as names.txt is lowercase) and
 * write one per line with a final newline. The names keep their é, ♀, ♂, apostrophes, dots and spaces.
 *
 * The package is not a dependency of the project. To run:
 *
 *     cd "$(mktemp -d)" && npm pack pokemon@3.3.1
 *     node /path/to/scripts/make-pokemon.mjs pokemon-3.3.1.tgz /path/to/content/data/pokemon.txt
 *
 * Needs only node and the system's tar.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const EXPECTED_COUNT = 1025;
const EXPECTED_SHA256 = 'b0b74bda70811ccd7e450a4fbca8630cfe900e5aeff7b3003d901237c57c03af';

const [tgz, output] = process.argv.slice(2);
if (!tgz || !output) {
  console.error('usage: make-pokemon.mjs pokemon-3.3.1.tgz OUTPUT');
  process.exit(2);
}
const names = JSON.parse(execFileSync('tar', ['-xzOf', tgz, 'package/data/en.json'], { encoding: 'utf8' }));
if (names.length !== EXPECTED_COUNT) throw new Error(`expected ${EXPECTED_COUNT} names, found ${names.length}`);
const data = Buffer.from(names.map((name) => name.toLowerCase() + '\n').join(''), 'utf8');
const digest = createHash('sha256').update(data).digest('hex');
if (digest !== EXPECTED_SHA256) throw new Error(`sha256 ${digest} differs from the expected ${EXPECTED_SHA256}`);
writeFileSync(output, data);
console.log(`wrote ${EXPECTED_COUNT} names to ${output} (sha256 ${digest})`);
