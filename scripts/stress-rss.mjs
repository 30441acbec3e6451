// Preloaded by scripts/stress.mjs into each memory case: reports the process's peak RSS as it exits.
process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`));
