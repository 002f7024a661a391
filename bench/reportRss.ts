/** Loaded with `node --import` into a benchmarked child: prints its peak memory on exit (stderr). */
process.on('exit', () => {
  process.stderr.write(`\nbench-max-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
