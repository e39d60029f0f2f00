import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { createApp } from '../server/app'
import { createDemoUpstream } from '../server/demo-upstream'

/**
 * Component tests talk to the real proxy app in demo mode through msw: one source of truth for
 * the data and the API rules. Relative URLs resolve against jsdom's origin.
 */
export function createDemoApiServer(perDay = 700) {
  const app = createApp({
    config: { mode: 'demo', demoPerDay: perDay },
    upstream: createDemoUpstream(perDay),
    logger: { info() {}, error() {} },
  })
  return setupServer(
    http.all('*/api/*', ({ request }) => app.fetch(request)),
    http.all('*', () =>
      HttpResponse.json({ error: 'unexpected request in a component test' }, { status: 500 }),
    ),
  )
}
