import { createRequire } from 'node:module';

/** One problem Microsoft's Kusto parser found in a query. */
export interface KustoDiagnostic {
  code: string;
  message: string;
  start: number;
  length: number;
}

interface BridgeList<T> {
  Count: number;
  getItem(i: number): T;
}
interface KustoGlobals {
  Language: {
    KustoCode: { ParseAndAnalyze(text: string, globals: unknown): { GetDiagnostics(): BridgeList<RawDiagnostic> } };
    GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
    Symbols: {
      DatabaseSymbol: { ctor: new (name: string, tables: unknown[]) => unknown };
      TableSymbol: { $ctor7: new (name: string, schema: string, description: string | null) => unknown };
    };
  };
}
interface RawDiagnostic {
  Severity: string;
  Code: string;
  Message: string;
  Start: number;
  Length: number;
}

// The columns of ARG's Resources table; ARG table names are case-insensitive, Kusto's are not,
// hence the lower-case alias. (`kind` must not come right after `type`: the schema parser then
// reads `type:string, kind` as one column; and it drops every column after `kind`, so `kind` is last.)
const RESOURCES =
  '(id:string, name:string, type:string, location:string, resourceGroup:string, subscriptionId:string, ' +
  'tenantId:string, tags:dynamic, zones:dynamic, sku:dynamic, properties:dynamic, managedBy:string, ' +
  'identity:dynamic, plan:dynamic, extendedLocation:dynamic, kind:string)';

let analyzer: ((text: string) => KustoDiagnostic[]) | null = null;

/**
 * Loads @kusto/language-service-next (a Bridge.NET build with no exports: it sets globals) once per
 * process and returns a checker. The first analysis pays a one-off ~1 s initialisation, so it is
 * done here, at load.
 */
function load(): (text: string) => KustoDiagnostic[] {
  if (analyzer) return analyzer;
  const require = createRequire(import.meta.url);
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  const K = (globalThis as unknown as { Kusto: KustoGlobals }).Kusto;
  const { DatabaseSymbol, TableSymbol } = K.Language.Symbols;
  // authorizationresources (role assignments and definitions) and resourcecontainers (subscriptions
  // with their management-group ancestry) share the Resources columns.
  const tables = ['Resources', 'resources', 'AuthorizationResources', 'authorizationresources', 'ResourceContainers', 'resourcecontainers'];
  const db = new DatabaseSymbol.ctor('arg', tables.map((t) => new TableSymbol.$ctor7(t, RESOURCES, null)));
  const globals = K.Language.GlobalState.Default.WithDatabase(db);
  analyzer = (text) => {
    const list = K.Language.KustoCode.ParseAndAnalyze(text, globals).GetDiagnostics();
    const out: KustoDiagnostic[] = [];
    for (let i = 0; i < list.Count; i++) {
      const d = list.getItem(i);
      if (d.Severity === 'Error') out.push({ code: d.Code, message: d.Message, start: d.Start, length: d.Length });
    }
    return out;
  };
  analyzer('Resources | take 1');
  return analyzer;
}

/** Syntax and semantic errors (unknown columns, functions, operators) of an ARG query. */
export function kustoErrors(text: string): KustoDiagnostic[] {
  return load()(text);
}

/** Line (1-based) and column (0-based, as ARG reports `characterPositionInLine`) of an offset. */
export function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]?.length ?? 0 };
}
