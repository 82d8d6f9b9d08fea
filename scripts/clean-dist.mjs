// Remove dist/ before compiling, so files of moved or deleted modules never linger in the build.
import { rmSync } from 'node:fs';
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
