import lz from 'lz-string';
for (const n of [1e6, 1e7, 5e7, 1e8]) {
  const s = '{"format":"' + 'a'.repeat(n) + '"}';
  const t = Date.now();
  const h = lz.compressToEncodedURIComponent(s);
  const t1 = Date.now();
  const d = lz.decompressFromEncodedURIComponent(h);
  console.log(n, 'hash', h.length, 'compress', t1 - t, 'ms decompress', Date.now() - t1, 'ms', d.length);
}
