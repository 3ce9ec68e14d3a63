// Keystroke → the terminal's first output of the redrawn frame, through tmux, to a tenth of a millisecond: a tmux
// control-mode client (tmux -C) sends each key and is told the moment the pane writes (%output), so no process is
// started and no screen is captured per poll (bench/tui-browse.sh polls capture-pane, which adds a few milliseconds
// to both sides). The programs run side by side and take turns, key by key, so the machine's drift hits them alike.
//
//   node bench/tui-keys.mjs [keys] 'perstack=/tmp/aot/perstack start --storage-path …' 'less=less rows.txt'
//
// Environment: PAUSE (seconds between keys, default 0.15), KEY (default j; a comma-separated list is sent in turn: j,k
// moves the selection without ever scrolling the list), SETTLE (seconds after start, default 8:
// the history's checked listing lands first).
import { spawn, execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const keys = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 60;
const programs = args.map((a, i) => ({ label: a.slice(0, a.indexOf('=')), command: a.slice(a.indexOf('=') + 1), session: `keys${process.pid}-${i}` }));
if (programs.length === 0 || programs.some(p => !p.label)) {
  console.error("usage: node bench/tui-keys.mjs [keys] label='command' …");
  process.exit(2);
}
const pause = Number(process.env.PAUSE ?? 0.15) * 1000;
const keyCycle = (process.env.KEY ?? 'j').split(',');
const settle = Number(process.env.SETTLE ?? 8) * 1000;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const tmux = (...a) => execFileSync('tmux', a, { stdio: ['ignore', 'ignore', 'ignore'] });

for (const p of programs) tmux('new-session', '-d', '-s', p.session, '-x', '140', '-y', '40', p.command);
process.on('exit', () => { for (const p of programs) { try { tmux('kill-session', '-t', p.session); } catch { /* gone */ } } });
await sleep(settle);

for (const p of programs) {
  p.client = spawn('tmux', ['-C', 'attach', '-t', p.session], { stdio: ['pipe', 'pipe', 'ignore'] });
  p.waiter = null;
  p.client.stdout.on('data', chunk => {
    if (p.waiter && chunk.toString('latin1').includes('%output')) { const w = p.waiter; p.waiter = null; w(); }
  });
  p.times = [];
}
await sleep(500);

for (let k = 0; k < keys; k++) {
  for (const p of programs) {
    const shown = new Promise(resolve => { p.waiter = resolve; });
    const started = process.hrtime.bigint();
    p.client.stdin.write(`send-keys -t ${p.session} ${keyCycle[k % keyCycle.length]}\n`);
    const timedOut = await Promise.race([shown.then(() => false), sleep(3000).then(() => true)]);
    p.times.push(timedOut ? 3000 : Number(process.hrtime.bigint() - started) / 1e6);
    p.waiter = null;
    await sleep(pause);
  }
}

const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
for (const p of programs) {
  const t = [...p.times].sort((a, b) => a - b);
  const at = q => t[Math.min(t.length - 1, Math.floor(t.length * q))].toFixed(2);
  console.log(`${p.label}: median ${at(0.5)} / p90 ${at(0.9)} / min ${t[0].toFixed(2)} ms (${t.length} keys)`);
  p.client.kill();
}
console.log(`load average after: ${load}`);
process.exit(0);
