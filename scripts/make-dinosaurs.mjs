#!/usr/bin/env node
/**
 * Regenerate content/data/dinosaurs.txt byte for byte from the npm package dinosaurs@1.2.1.
 *
 * Provenance: dinosaurs@1.2.1 by jden, WTFPL licence, ships `dinosaurs.csv`, 1,325 common dinosaur
 * genus names, lowercase, one per line (a few appear twice; we keep the list as the package exports it).
 * We keep its non-empty lines, exactly as the package's index.js does, and add a final newline.
 *
 * The package is not a dependency of the project. To run:
 *
 *     cd "$(mktemp -d)" && npm pack dinosaurs@1.2.1
 *     node /path/to/scripts/make-dinosaurs.mjs dinosaurs-1.2.1.tgz /path/to/content/data/dinosaurs.txt
 *
 * Needs only node and the system's tar.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const EXPECTED_COUNT = 1325;
const EXPECTED_SHA256 = '95218dd2c589ce69de624a0400fb81f38792895a729c48b14e5f1774030f812d';

const [tgz, output] = process.argv.slice(2);
if (!tgz || !output) {
  console.error('usage: make-dinosaurs.mjs dinosaurs-1.2.1.tgz OUTPUT');
  process.exit(2);
}
const csv = execFileSync('tar', ['-xzOf', tgz, 'package/dinosaurs.csv'], { encoding: 'utf8' });
const names = csv.split('\n').filter(Boolean);
if (names.length !== EXPECTED_COUNT) throw new Error(`expected ${EXPECTED_COUNT} names, found ${names.length}`);
const data = Buffer.from(names.map((name) => name + '\n').join(''), 'utf8');
const digest = createHash('sha256').update(data).digest('hex');
if (digest !== EXPECTED_SHA256) throw new Error(`sha256 ${digest} differs from the expected ${EXPECTED_SHA256}`);
writeFileSync(output, data);
console.log(`wrote ${EXPECTED_COUNT} names to ${output} (sha256 ${digest})`);
