// Process start → the first Job rows written to the terminal, through tmux, without polling: each run starts the
// program in a new tmux session made by a control-mode client (tmux -C new-session), which is told every write of the
// pane as it happens (%output), and stops the clock when the output so far holds the row pattern. Nothing else runs
// while a program starts (bench/tui-browse.sh polls capture-pane, starting a process every few milliseconds, which on
// 2 cores competes with the start it measures). The programs take turns, run by run; the first run of each is a
// warm-up (caches).
//
//   node bench/tui-first-rows.mjs [runs] 'perstack= steps \([a-z0-9]{24}\)=/tmp/aot/perstack start --storage-path …' \
//                                        'less=fake-coordinator - 3 steps=less rows.txt'
//
// Each argument is label=pattern=command, the pattern a regular expression over the pane's output (escapes included).
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const runs = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 10;
const programs = args.map(a => {
  const [label, pattern, ...command] = a.split('=');
  return { label, pattern: new RegExp(pattern), command: command.join('='), times: [] };
});
if (programs.length === 0 || programs.some(p => !p.label || !p.command)) {
  console.error("usage: node bench/tui-first-rows.mjs [runs] 'label=pattern=command' …");
  process.exit(2);
}
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const session = `rows${process.pid}`;
const kill = () => { try { execFileSync('tmux', ['kill-session', '-t', session], { stdio: 'ignore' }); } catch { /* gone */ } };
process.on('exit', kill);

async function firstRows(p) {
  const started = process.hrtime.bigint();
  const client = spawn('tmux', ['-C', 'new-session', '-x', '140', '-y', '40', '-s', session, p.command], { stdio: ['pipe', 'pipe', 'ignore'] });
  let output = '';
  const shown = new Promise(resolve => {
    client.stdout.on('data', chunk => {
      output += chunk.toString('latin1');
      if (p.pattern.test(output)) resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
  const ms = await Promise.race([shown, sleep(20000).then(() => 20000)]);
  client.kill();
  kill();
  await sleep(300);
  return ms;
}

for (let run = 0; run <= runs; run++) {
  for (const p of programs) {
    const ms = await firstRows(p);
    if (run > 0) p.times.push(ms);
  }
}

const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
for (const p of programs) {
  const t = [...p.times].sort((a, b) => a - b);
  console.log(`${p.label}: median ${t[Math.floor(t.length / 2)].toFixed(0)} / min ${t[0].toFixed(0)} / max ${t[t.length - 1].toFixed(0)} ms (${t.length} runs)`);
}
console.log(`load average after: ${load}`);
process.exit(0);
