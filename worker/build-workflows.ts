// `npm run build:workflows`: bundles the workflow code once, for production images. A worker
// given the bundle (ROSTER_WORKFLOW_BUNDLE) starts faster and with less memory than one that
// bundles at start-up. Its traced twin is written beside it, for workers that trace.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { tracedBundlePath, workflowBundleOptions } from './worker';

const target = resolve(process.argv[2] ?? 'dist/workflows.js');
mkdirSync(dirname(target), { recursive: true });
for (const [path, traced] of [[target, false], [tracedBundlePath(target), true]] as const) {
  const { code } = await bundleWorkflowCode(workflowBundleOptions(traced));
  writeFileSync(path, code);
  console.log(`Workflow bundle${traced ? ' (traced)' : ''} written to ${path} (${Math.round(code.length / 1024)} KB).`);
}
