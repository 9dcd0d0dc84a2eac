import yargs from 'yargs';
import { InputError } from '../errors.ts';
import { explainCommand } from './commands/explain.ts';
import { exportCommand } from './commands/export.ts';
import { planCommand } from './commands/plan.ts';
import { policiesCommand } from './commands/policies.ts';
import { scanCommand } from './commands/scan.ts';
import { DOCS_URL } from './epilogue.ts';
import { ENV_PREFIX } from './settings.ts';
import { plain, processIo, type CommandContext, type Io } from './io.ts';
import { TOOL } from '../tool.ts';

/** The part of yargs' internal API used to stop it rendering help text nobody asked for. */
interface YargsInternals {
  getInternalMethods(): { getUsageInstance(): { cacheHelpMessage: () => void } };
}

/** Parses the command line and runs one command; returns the exit code (never exits the process). */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  let code = 0;
  const ctx: CommandContext = { io, argv, setExitCode: (c) => void (code = c) };
  const verbose = argv.includes('--verbose');
  try {
    const parser = yargs(argv)
      .scriptName('egress-audit')
      .command(scanCommand(ctx))
      .command(exportCommand(ctx))
      .command(policiesCommand(ctx))
      .command(explainCommand(ctx))
      .command(planCommand(ctx))
      .demandCommand(1, 'Name a command.')
      .strict()
      .recommendCommands()
      .completion('completion', 'Print a bash/zsh completion script: source <(egress-audit completion)')
      .help()
      .alias('h', 'help')
      // yargs would otherwise look for the nearest package.json above the process, the consumer's.
      .version(TOOL.version)
      .epilogue(`Run egress-audit COMMAND -h for a command's options, exit codes and examples.\nDocumentation: ${DOCS_URL}`)
      .wrap(Math.min(110, process.stdout.columns ?? 100))
      .exitProcess(false)
      // yargs 18 reports validation failures as plain Errors; name them so they read as usage errors.
      .fail((msg, err) => {
        throw err ?? Object.assign(new Error(msg), { name: 'YError' });
      });
    // yargs renders a command's whole help text as soon as its handler starts, to show it if the
    // handler fails; this CLI never shows help on failure (see fail above), and measuring every help
    // line's width cost about 0.3 s of every run.
    (parser as unknown as YargsInternals).getInternalMethods().getUsageInstance().cacheHelpMessage = () => undefined;
    await parser.parseAsync();
  } catch (err) {
    const e = err as Error;
    if (e instanceof InputError || e.name === 'YError') {
      // Messages name input files and quote their tokens: never let those drive the terminal.
      io.err(`egress-audit: ${plain(e.message)}`);
      if (e.name === 'YError') {
        for (const name of Object.keys(process.env).filter((k) => k.startsWith(`${ENV_PREFIX}_`)).sort()) io.err(`(set in the environment: ${name})`);
        io.err('Run `egress-audit --help` for usage.');
      }
    } else {
      io.err(`egress-audit: internal error: ${plain(e.message)}`);
      if (verbose) io.err(e.stack ?? '');
    }
    return 2;
  }
  return code;
}
