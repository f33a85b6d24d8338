/**
 * `npm run docs`: rewrites the generated blocks of the documentation from the code that is the
 * single source of each: the configuration table in README.md (lib/config.ts), the policy table
 * in docs/authorization.md (lib/auth/policy.ts) the audit rules in docs/catalog.md, the case state machine in docs/cases.md,
 * and the default supervision rules, their parameters and the order and complaint state machines in
 * docs/supervision.md. With --check it only says whether the committed
 * blocks are current (CI uses it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OPERATIONS, POLICY } from '../lib/auth/policy.ts';
import { PRINCIPAL_KINDS } from '../lib/auth/principal.ts';
import { VARIABLES } from '../lib/config.ts';
import { AUDIT_RULES } from '../subgraphs/catalog/audit/index.ts';
import { ACTION_NAMES } from '../subgraphs/cases/domain/actions.ts';
import { TRANSITIONS } from '../subgraphs/cases/domain/transitions.ts';
import { COMPLAINT_MOVES } from '../subgraphs/supervision/complaints/machine.ts';
import { ORDER_MOVES } from '../subgraphs/supervision/orders/machine.ts';
import { DEFAULT_RULES } from '../subgraphs/supervision/rules/defaults.ts';
import { CHECK_TYPE } from '../subgraphs/supervision/rules/model.ts';
import { PARAMETER_SPECS } from '../subgraphs/supervision/rules/parameters.ts';
import type { Move } from '../subgraphs/supervision/workflow/machine.ts';

interface Block {
  file: string;
  name: string;
  source: string;
  render(): string;
}

const code = (text: string) => (text.startsWith('(') ? text : `\`${text}\``);

/** A state machine's moves as a table (supervision orders, complaints). */
function movesTable(moves: Readonly<Record<string, Move<string>>>): string {
  return [
    '| action | 名称 | from | to | needs |',
    '|---|---|---|---|---|',
    ...Object.entries(moves).map(([action, move]) => `| \`${action}\` | ${move.name} | ${move.from.join(', ')} | ${move.to} | ${move.requires ? `\`${move.requires.field}\`: ${move.requires.meaning}` : '—'} |`),
  ].join('\n');
}

/** One parameter's unit and range as docs/supervision.md shows it. */
function parameterText(name: string, spec: (typeof PARAMETER_SPECS)[keyof typeof PARAMETER_SPECS][string]): string {
  switch (spec.kind) {
    case 'integer':
      return `\`${name}\`: ${spec.min}–${spec.max} ${spec.unit}${spec.default !== undefined ? ` (default ${spec.default})` : ''}`;
    case 'yuan':
      return `\`${name}\`: ${spec.min}–${spec.max} 元${spec.default !== undefined ? ` (default ${spec.default})` : ''}`;
    case 'enum':
      return `\`${name}\`: ${spec.values.join(' or ')}`;
    case 'boolean':
      return `\`${name}\`: true or false${spec.default !== undefined ? ` (default ${spec.default})` : ''}`;
    case 'list':
      return `\`${name}\`: a list of ${spec.values.join(', ')} (optional; the guide's own steps when absent)`;
  }
}

const BLOCKS: Block[] = [
  {
    file: fileURLToPath(new URL('../README.md', import.meta.url)),
    name: 'config',
    source: 'lib/config.ts',
    render: () =>
      [
        '| variable | default | what it does |',
        '|---|---|---|',
        ...Object.values(VARIABLES).map((variable) => `| \`${variable.name}\` | ${code(variable.defaultText)} | ${variable.description} |`),
      ].join('\n'),
  },
  {
    file: fileURLToPath(new URL('../docs/authorization.md', import.meta.url)),
    name: 'policy',
    source: 'lib/auth/policy.ts',
    render: () =>
      [
        `| operation | ${PRINCIPAL_KINDS.join(' | ')} |`,
        `|---|${PRINCIPAL_KINDS.map(() => '---').join('|')}|`,
        ...OPERATIONS.map((operation) => `| \`${operation}\` | ${PRINCIPAL_KINDS.map((kind) => POLICY[operation][kind] ?? '—').join(' | ')} |`),
      ].join('\n'),
  },
  {
    file: fileURLToPath(new URL('../docs/catalog.md', import.meta.url)),
    name: 'audit',
    source: 'subgraphs/catalog/audit/rules',
    render: () =>
      [
        '| rule | severity | what it checks | source |',
        '|---|---|---|---|',
        ...AUDIT_RULES.map((rule) => `| \`${rule.id}\` | ${rule.severity} | ${rule.description} | ${rule.source} |`),
      ].join('\n'),
  },
  {
    file: fileURLToPath(new URL('../docs/cases.md', import.meta.url)),
    name: 'transitions',
    source: 'subgraphs/cases/domain/transitions.ts',
    render: () =>
      [
        '| action | from | to | who | needs | only when | 说明 |',
        '|---|---|---|---|---|---|---|',
        ...TRANSITIONS.map((row) => {
          const when = [
            row.caseKinds ? `kind ${row.caseKinds.join('/')}` : '',
            row.decision ? `decision ${row.decision}` : '',
            row.results ? `result ${row.results.join('/')}` : '',
            row.fixedResult ? `sets result ${row.fixedResult}` : '',
            row.participants ? 'joint participants too' : '',
          ].filter(Boolean).join('; ');
          return `| \`${row.action}\` ${ACTION_NAMES[row.action]} | ${row.from.join(', ')} | ${row.to} | ${row.role} | ${(row.requires ?? []).join(', ') || '—'} | ${when || '—'} | ${row.description} |`;
        }),
      ].join('\n'),
  },
  {
    file: fileURLToPath(new URL('../docs/supervision.md', import.meta.url)),
    name: 'rules',
    source: 'subgraphs/supervision/rules/defaults.ts and parameters.ts',
    render: () =>
      [
        '| rule (default) | type | check | colour | parameters (seeded) | all parameters of the check | 监察规则描述 |',
        '|---|---|---|---|---|---|---|',
        ...DEFAULT_RULES.map((rule) => {
          const all = Object.entries(PARAMETER_SPECS[rule.check]).map(([name, spec]) => parameterText(name, spec)).join('; ') || '—';
          return `| \`${rule.code}\` | ${CHECK_TYPE[rule.check]} | \`${rule.check}\` | ${rule.colour} | \`${JSON.stringify(rule.parameters)}\` | ${all} | ${rule.description} |`;
        }),
      ].join('\n'),
  },
  {
    file: fileURLToPath(new URL('../docs/supervision.md', import.meta.url)),
    name: 'orders',
    source: 'subgraphs/supervision/orders/machine.ts',
    render: () => movesTable(ORDER_MOVES),
  },
  {
    file: fileURLToPath(new URL('../docs/supervision.md', import.meta.url)),
    name: 'complaints',
    source: 'subgraphs/supervision/complaints/machine.ts',
    render: () => movesTable(COMPLAINT_MOVES),
  },
];

const check = process.argv.includes('--check');
let stale = 0;
for (const block of BLOCKS) {
  const start = `<!-- ${block.name}:start (generated by \`npm run docs\` from ${block.source}) -->`;
  const end = `<!-- ${block.name}:end -->`;
  const text = readFileSync(block.file, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) {
    console.error(`${block.file} has no ${start} … ${end} block`);
    process.exit(1);
  }
  const next = `${text.slice(0, from + start.length)}\n${block.render()}\n${text.slice(to)}`;
  if (next === text) continue;
  stale += 1;
  if (check) console.error(`${block.file}: the ${block.name} table is stale: run \`npm run docs\` and commit it`);
  else writeFileSync(block.file, next);
}
if (check && stale) process.exit(1);
console.log(check ? 'generated documentation tables are current' : `documentation tables written (${stale} changed)`);
