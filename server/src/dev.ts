import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from './ui/apps';

/**
 * `npm run dev`: the server restarting on change (port 3000), and the studio (5173) and
 * portal (5174) Vite dev servers with hot reload, which forward /api to the server.
 */
const tasks: [string, string[]][] = [
  ['server', ['exec', 'tsx', '--', 'watch', 'server/src/start.ts', '--no-ui-build']],
  ['studio', ['run', 'dev', '--workspace', 'studio']],
  ['portal', ['run', 'dev', '--workspace', 'portal']],
];

const children: ChildProcess[] = tasks.map(([name, args]) => {
  const child = spawn('npm', args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  child.on('exit', (code) => {
    console.log(`[${name}] terminó (${code ?? 'señal'}); deteniendo todo.`);
    stopAll();
  });
  return child;
});

function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = 0;
}
process.once('SIGINT', stopAll);
process.once('SIGTERM', stopAll);
