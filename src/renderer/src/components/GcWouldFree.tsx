import { Trans, useTranslation } from 'react-i18next'
import type { GcDryRunResult } from '@shared/contract'
import { formatBytes } from '../lib/format'

/** A garbage collection dry run's answer in one sentence: nothing to collect, or about how much it frees. */
export function GcWouldFree({ preview }: { preview: GcDryRunResult }): React.JSX.Element {
  const { t } = useTranslation()
  if (preview.eligibleBlobs === 0) return <>{t('gc.nothing')}</>
  return <Trans i18nKey="gc.wouldFree" values={{ size: formatBytes(preview.freeableBytes) }} count={preview.eligibleBlobs} components={{ strong: <strong /> }} />
}
