// Placeholder until its issue lands: registers nothing yet. The owning issue replaces this file.
import type { Command } from 'commander';

export function registerWatch(_program: Command): void {}
