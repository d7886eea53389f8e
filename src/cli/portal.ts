import type { Command } from 'commander';

export function registerPortal(_program: Command): void {}
