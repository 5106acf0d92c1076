// A report link that opens nothing: expired, or not valid (forged, altered, cut short, of a run no
// longer kept). It says which of the two and what to do, and nothing about why beyond that.
import { Layout } from '../components/layout';
import type { PageContext } from '../render';

interface ReportUnavailableProps {
  ctx: Pick<PageContext, 'assets'>;
  expired?: boolean;
  /** Roster could not read the report: a fault on our side, not the link's. */
  failed?: boolean;
}

const pages = {
  expired: {
    title: 'This report link has expired',
    message: "A sync's report link works for a limited time. The e-mail of each new sync carries a new link; for an older report, ask your Roster support contact.",
  },
  invalid: {
    title: 'This report link is not valid',
    message: 'Check that the whole link was copied from the e-mail. If it still does not open, ask your Roster support contact for the report.',
  },
  failed: {
    title: 'The report could not be shown',
    message: 'Roster could not show this report just now. Please try again in a few minutes.',
  },
};

export function ReportUnavailablePage({ ctx, expired, failed }: ReportUnavailableProps) {
  const { title, message } = pages[failed ? 'failed' : expired ? 'expired' : 'invalid'];
  return (
    <Layout ctx={ctx} title={title}>
      <p class="notice error" role="alert">
        {message}
      </p>
    </Layout>
  );
}
