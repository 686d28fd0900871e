// The state shown instead of numbers when the API cannot be used: never an empty panel.
import type { Translate } from '../lib/i18n.ts';
import { ask, type Failure } from '../lib/protocol.ts';

export function failureText(failure: Failure, t: Translate): string {
  switch (failure.kind) {
    case 'not-configured':
      return t('notConfigured');
    case 'unauthorized':
      return t('unauthorized');
    case 'unreachable':
      return t('unreachable');
    case 'refused':
      return t('refused', { message: failure.message });
  }
}

export function NotConnected({ failure, t }: { failure: Failure; t: Translate }) {
  return (
    <div className="rw-body rw-not-connected" data-testid="rw-not-connected" data-kind={failure.kind}>
      <p className="rw-error">
        <strong>{t('notConnected')}</strong>
      </p>
      <p>{failureText(failure, t)}</p>
      <button type="button" className="rw-primary" onClick={() => void ask({ type: 'open-options' })}>
        {t('openOptions')}
      </button>
    </div>
  );
}
