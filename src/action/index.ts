// The GitHub Action's entry (action.yml runs its bundle, dist/action/index.js).
import { runAction } from './action.ts';

process.exitCode = await runAction();
