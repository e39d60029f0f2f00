import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppProviders, createQueryClient } from './app-providers'
import { DashboardPage } from './dashboard-page'
import { prefetchUrlRange } from './early-range'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

const client = createQueryClient()
prefetchUrlRange(client, window.location.search)

createRoot(root).render(
  <StrictMode>
    <AppProviders client={client}>
      <DashboardPage />
    </AppProviders>
  </StrictMode>,
)
