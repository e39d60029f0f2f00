// jsdom 29 has HTMLDialogElement (and `open`) but no showModal(), show() or close(), and Escape does
// nothing to a modal dialog. This fills in what the component tests of a modal <dialog> rely on:
// showModal() and show() set `open`, close() removes it and fires `close` a task later (as browsers do),
// and Escape fires a cancelable `cancel` on the topmost modal dialog, then closes it unless cancelled.
// Not emulated: the inertness of the page behind a modal dialog (Tab containment is the browser's; the
// e2e tests check it in Chromium). Import it from a test file that needs it; it installs itself once,
// and not at all where jsdom gains the real methods.

const modals: HTMLDialogElement[] = []

function topmostModal(): HTMLDialogElement | undefined {
  return modals.filter((d) => d.isConnected && d.open).at(-1)
}

if (typeof window !== 'undefined' && typeof HTMLDialogElement.prototype.showModal !== 'function') {
  const proto = HTMLDialogElement.prototype

  proto.showModal = function showModal(this: HTMLDialogElement) {
    if (this.open && modals.includes(this)) return
    if (this.open)
      throw new DOMException('The dialog is already open as a non-modal dialog.', 'InvalidStateError')
    if (!this.isConnected) throw new DOMException('The dialog is not in a document.', 'InvalidStateError')
    this.setAttribute('open', '')
    modals.push(this)
  }

  proto.show = function show(this: HTMLDialogElement) {
    if (this.open && modals.includes(this))
      throw new DOMException('The dialog is already open as a modal dialog.', 'InvalidStateError')
    this.setAttribute('open', '')
  }

  proto.close = function close(this: HTMLDialogElement, returnValue?: string) {
    if (!this.open) return
    this.removeAttribute('open')
    const i = modals.indexOf(this)
    if (i >= 0) modals.splice(i, 1)
    if (returnValue !== undefined) this.returnValue = returnValue
    setTimeout(() => this.dispatchEvent(new Event('close')), 0)
  }

  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return
    const dialog = topmostModal()
    if (dialog === undefined) return
    if (dialog.dispatchEvent(new Event('cancel', { cancelable: true }))) dialog.close()
  })
}

export {}
