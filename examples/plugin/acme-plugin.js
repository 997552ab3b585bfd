// An example corslint plugin: one rule that flags staging hosts in production allow-lists.
//
// A plugin is plain data — `{ name, rules }` as the default export — so it needs nothing from
// corslint at run time. `defineRule`/`definePlugin` are identity helpers that only add types; a
// TypeScript plugin would import them from the corslint package.

/** Host names that look like a staging deployment (`staging.example.com`, `app-staging.example.com`). */
function stagingHost(origin) {
  try {
    return new URL(origin).hostname.includes('staging');
  } catch {
    // Not a URL at all: another rule (origin-never-matches) reports entries a browser can never send.
    return false;
  }
}

const noStagingOrigins = {
  id: 'no-staging-origins',
  meta: {
    summary: 'A staging origin is trusted',
    severity: 'low',
    recommended: true,
    productionOnly: true,
    messages: {
      staging: '{origin} is a staging host; production should not trust it',
    },
    docs: {
      why: 'Staging deployments run unreviewed code and often weaker authentication. Trusting their origin lets anything that runs there read responses meant for production users.',
      fix: 'Keep staging origins in a development or staging configuration, not in the production allow-list.',
      examples: [
        { stack: 'express', kind: 'bad', code: "app.use(cors({ origin: ['https://staging.acme.test'] }));" },
        { stack: 'express', kind: 'good', code: "app.use(cors({ origin: ['https://app.acme.test'] }));" },
      ],
    },
  },
  *check(policy, ctx) {
    for (const origin of policy.origins) {
      if (origin.value.kind === 'exact' && stagingHost(origin.value.origin)) {
        yield ctx.finding('staging', origin.span, { data: { origin: origin.value.origin }, policy, value: origin });
      }
    }
  },
};

export default { name: 'acme', rules: [noStagingOrigins] };
