import { Component, type ErrorInfo, type ReactNode } from 'react'

type State = { error: Error | null }

/** Last line of defence: a readable message and a reload, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode; label?: string }, State> {
  state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn('Panel failed to render', error, info.componentStack)
  }

  render() {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <div role="alert" className="panel-error">
        <p>
          <strong>{this.props.label ?? 'This part of the dashboard'} could not be shown.</strong>{' '}
          {error.message}
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
