import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from '../io.ts';
import { epilogue, USAGE_ERROR } from '../epilogue.ts';
import { plain } from '../io.ts';
import { lockFolder } from '../../json/write.ts';
import { argOptions, argSource, type ArgArgs } from '../arg/options.ts';
import { ArgProgress } from '../arg/progress.ts';

interface ExportArgs extends ArgArgs {
  out: string;
  'allow-partial': boolean;
  quiet: boolean;
  verbose: boolean;
}

/** `egress-audit export`: the inventory as ARG rows, one file per subscription, plus a manifest. */
export function exportCommand(ctx: CommandContext): CommandModule<object, ExportArgs> {
  return {
    command: 'export',
    describe: 'Export the AKS egress inventory from Azure Resource Graph for offline audits',
    builder: (y: Argv) =>
      argOptions(
        y
          .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'Folder the export is written to' })
          .option('allow-partial', { type: 'boolean', default: false, describe: 'Exit 0 even when some scopes could not be read' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print nothing but errors' })
          .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'Print every page' }),
        'Azure Resource Graph:',
      ).epilogue(
        epilogue({ 0: 'every scope was exported', 2: `${USAGE_ERROR}, or some scope could not be read (see --allow-partial)` }, [
          'egress-audit export --out inventory/ --subscription 00000000-0000-0000-0000-000000000000',
          'egress-audit export --out inventory/ --management-group platform --credential azure-cli',
        ]),
      ) as unknown as Argv<ExportArgs>,
    handler: async (args) => {
      const source = await argSource(args);
      const { fetchArgSnapshot, writeSnapshot } = await import('../../inventory/sources/arg/index.ts');
      const progress = new ArgProgress(ctx.io, args.quiet ? 'quiet' : args.verbose ? 'verbose' : 'normal');
      // Taken before reading Azure, so that a second export into the same folder stops at once.
      const lock = await lockFolder(args.out, '--out');
      let snapshot;
      let written: string[];
      try {
        snapshot = await fetchArgSnapshot({ ...source, onEvent: progress.onEvent }).finally(() => progress.finish());
        written = await writeSnapshot(args.out, snapshot.files, snapshot.manifest);
      } finally {
        await lock.release();
      }
      const m = snapshot.manifest;
      const clusters = m.counts['microsoft.containerservice/managedclusters'] ?? 0;
      const fresh = m.files.filter((f) => f.keptFrom === undefined);
      const rows = fresh.reduce((sum, f) => sum + f.rows, 0);
      const code = (m.errors.length || snapshot.conflicts.length) && !args['allow-partial'] ? 2 : 0;
      if (!args.quiet) {
        ctx.io.out(`egress-audit ${m.tool.version}: exported ${rows} rows (${clusters} clusters) from ${fresh.length} subscriptions to ${args.out}`);
        for (const e of m.errors) ctx.io.out(`  ERROR ${plain(e.message)}`);
        for (const id of snapshot.conflicts) ctx.io.out(`  ERROR ${plain(id)}: ARG sent two different rows with this resource ID; both are in the export, and a scan treats the resource as unreliable`);
        for (const f of m.files) if (f.keptFrom !== undefined) ctx.io.out(`  KEPT ${plain(f.file)}: the last good export of subscription ${plain(f.subscriptionId)} (${plain(f.keptFrom)}), as it could not be read now`);
        ctx.io.out(`manifest: ${written[written.length - 1]}`);
        if (code === 2) ctx.io.out('exit 2: the export is incomplete (use --allow-partial to accept it)');
      }
      ctx.setExitCode(code);
    },
  };
}
