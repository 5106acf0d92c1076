// `npm run build:workflows`: bundles the workflow code once, for production images. A worker
// given the bundle (ROSTER_WORKFLOW_BUNDLE) starts faster and with less memory than one that
// bundles at start-up.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from './worker';

const target = resolve(process.argv[2] ?? 'dist/workflows.js');
const { code } = await bundleWorkflowCode(workflowBundleOptions);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, code);
console.log(`Workflow bundle written to ${target} (${Math.round(code.length / 1024)} KB).`);
