import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Packer } from 'docx';
const root = process.cwd();
const { viewOf, renderContext } = await import(pathToFileURL(join(root, 'test/helpers/compile.ts')).href);
const { buildDocument } = await import(pathToFileURL(join(root, 'src/render/docx/index.ts')).href);
const { repack } = await import(pathToFileURL(join(root, 'src/render/docx/repack.ts')).href);
const path = process.argv[2];
const view = viewOf(path);
const ctx = renderContext(path);
const t = { build: [] as number[], pack: [] as number[], repack: [] as number[] };
const cpu = (f: () => unknown) => async () => { const c = process.cpuUsage(); await f(); const d = process.cpuUsage(c); return (d.user + d.system) / 1000; };
for (let i = 0; i < 9; i++) {
  let doc: any; let buf: any;
  t.build.push(await cpu(async () => { doc = await buildDocument(view, ctx); })());
  t.pack.push(await cpu(async () => { buf = new Uint8Array(await Packer.toBuffer(doc)); })());
  t.repack.push(await cpu(() => repack(buf, { epoch: 0, replace: {} }))());
}
const med = (a: number[]) => a.sort((x, y) => x - y)[4].toFixed(0);
console.log('build', med(t.build), 'pack', med(t.pack), 'repack', med(t.repack));
