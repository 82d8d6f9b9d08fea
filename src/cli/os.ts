import { availableParallelism } from 'node:os';

export const os = {
  cores: (): number => Math.max(1, availableParallelism()),
};
