// One-off generator of encodings.jsonl.gz: reference encodings of real texts made with the Hugging Face JS tokenizer
// (@huggingface/tokenizers, installed by eng/bootstrap.sh). The tests read only the output file.
//
//   node tests/Tokenization.Tests/data/make_encodings.mjs      (from the repository root, after eng/bootstrap.sh)
//
// Cases: the first 500 SciFact documents (title + text) and 200 Cranfield documents, every SciFact and Cranfield
// query, each alone without truncation; then (query, document) pairs truncated to 128 / 256 / 512 tokens with
// 'longest_first' and 'only_second', and single documents truncated with 'longest_first'.
//
// The JS tokenizer has no truncation, so each segment is encoded without special tokens by it and the cut is the
// Hugging Face tokenizers rule (tokenizers/src/utils/truncation.rs, truncate_encodings: budget = max_length minus the
// template's special tokens; longest_first: the shorter keeps its length when the longer can absorb the cut,
// otherwise max/2 and max/2 + max%2, the extra to the longer; only_second: the second loses the excess).
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const root = new URL('../../../', import.meta.url);
const modules = process.env.PIPELINE_NODE_MODULES ?? new URL('.tools/node/node_modules/', root).pathname;
const { Tokenizer } = await import(pathToFileURL(modules + '/@huggingface/tokenizers/dist/tokenizers.mjs').href);
const dir = new URL('./bert-base-uncased/', import.meta.url);
const tok = new Tokenizer(JSON.parse(readFileSync(new URL('tokenizer.json', dir))), JSON.parse(readFileSync(new URL('tokenizer_config.json', dir))));
const CLS = 101, SEP = 102;

const jsonl = (path, n) => gunzipSync(readFileSync(new URL(path, root))).toString('utf8').split('\n').filter(Boolean).slice(0, n).map((l) => JSON.parse(l));
const tsv = (path) => readFileSync(new URL(path, root), 'utf8').split('\n').filter(Boolean).map((l) => l.slice(l.indexOf('\t') + 1));
const docText = (d) => (d.title ? d.title + ' ' : '') + d.text;

const docs = [...jsonl('samples/scifact/corpus.jsonl.gz', 500).map(docText), ...jsonl('samples/cranfield/corpus.jsonl.gz', 200).map(docText)];
const queries = [...tsv('samples/scifact/queries.test.tsv'), ...tsv('samples/cranfield/queries.tsv')];

const seg = (text) => tok.encode(text, { add_special_tokens: false }).ids;

function lengths(n1, n2, max, strategy) {
  if (max === 0) return [0, 0];
  const total = n1 + (n2 ?? 0);
  if (total <= max) return [n1, n2 ?? 0];
  const toRemove = total - max;
  if (strategy === 'longest_first') {
    if (n2 === null) return [total - toRemove, 0];
    let a = n1, b = n2, swap = false;
    if (a > b) { swap = true; [a, b] = [b, a]; }
    b = a > max ? a : Math.max(a, max - a);
    if (a + b > max) { a = Math.floor(max / 2); b = a + (max % 2); }
    return swap ? [b, a] : [a, b];
  }
  if (n2 === null || n2 <= toRemove) return null; // an error in Hugging Face tokenizers: no such case is written
  return [n1, n2 - toRemove];
}

const cases = [];
const add = (text, pair, maxLength, strategy) => {
  const a = seg(text), b = pair === null ? null : seg(pair);
  let [n1, n2] = [a.length, b?.length ?? 0];
  if (maxLength !== null) {
    const cut = lengths(a.length, b?.length ?? null, maxLength - (b ? 3 : 2), strategy);
    if (cut === null) return;
    [n1, n2] = cut;
  }
  const ids = [CLS, ...a.slice(0, n1), SEP, ...(b ? [...b.slice(0, n2), SEP] : [])];
  const types = ids.map((_, i) => (b && i >= n1 + 2 ? 1 : 0));
  if (maxLength === null) {
    // no truncation: the tokenizer's own template must agree with the assembled one
    const full = tok.encode(text, { text_pair: pair, return_token_type_ids: true });
    if (full.ids.join() !== ids.join() || (b && full.token_type_ids.join() !== types.join())) throw new Error('template mismatch: ' + text.slice(0, 60));
  }
  cases.push({ text, text_pair: pair, max_length: maxLength, strategy: maxLength === null ? null : strategy, ids, token_type_ids: types });
};

for (const d of docs) add(d, null, null, null);
for (const q of queries) add(q, null, null, null);
for (let i = 0; i < 300; i++) add(queries[i], docs[(i * 7) % docs.length], null, null);
for (const [max, strategy] of [[128, 'longest_first'], [256, 'longest_first'], [512, 'longest_first'], [128, 'only_second'], [256, 'only_second'], [512, 'only_second']]) {
  for (let i = 0; i < 150; i++) add(queries[(i * 3 + max) % queries.length], docs[(i * 11 + max) % docs.length], max, strategy);
}
// long queries against short texts, so that longest_first cuts the first sequence too
for (let i = 0; i < 100; i++) add(docs[i], queries[i], 64 + (i % 7), 'longest_first');
for (let i = 0; i < 100; i++) add(docs[(i * 13) % docs.length], docs[(i * 17 + 1) % docs.length], 32 + (i % 5), 'longest_first');
for (const max of [16, 128, 512]) for (let i = 0; i < 50; i++) add(docs[(i * 5 + max) % docs.length], null, max, 'longest_first');

writeFileSync(new URL('./encodings.jsonl.gz', import.meta.url), gzipSync(cases.map((c) => JSON.stringify(c)).join('\n') + '\n', { level: 9 }));
console.log(cases.length, 'cases written');
