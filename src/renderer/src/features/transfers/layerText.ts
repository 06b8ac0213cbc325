// A layer's status in the user's language. Berth's own labels (copies) arrive as catalog messages;
// the daemon's are its fixed English words, worded here by pattern. Anything new passes as sent.
import type { TFunction } from 'i18next'
import type { LayerProgress } from '@shared/contract/transferTypes'
import { tMsg } from '../../lib/i18n'

type Words = (t: TFunction, match: RegExpExecArray) => string

const DAEMON: [RegExp, Words][] = [
  [/^Waiting$/, (t) => t('layer.waiting')],
  [/^Preparing$/, (t) => t('layer.preparing')],
  [/^Pushing$/, (t) => t('layer.pushing')],
  [/^Pushed$/, (t) => t('layer.pushed')],
  [/^(?:Layer already exists|Already exists)$/, (t) => t('layer.exists')],
  [/^Mounted from (.+)$/, (t, x) => t('layer.mounted', { from: x[1] })],
  [/^Pulling fs layer$/, (t) => t('layer.pulling')],
  [/^Downloading$/, (t) => t('layer.downloading')],
  [/^Verifying Checksum$/, (t) => t('layer.verifying')],
  [/^Download complete$/, (t) => t('layer.downloaded')],
  [/^Extracting$/, (t) => t('layer.extracting')],
  [/^Pull complete$/, (t) => t('layer.pulled')],
  [/^Loading layer$/, (t) => t('layer.loading')],
  [/^Retrying in (\d+) seconds?$/, (t, x) => t('layer.retrying', { count: Number(x[1]) })]
]

export function layerText(t: TFunction, layer: Pick<LayerProgress, 'label' | 'labelMsg'>): string {
  if (layer.labelMsg) return tMsg(layer.labelMsg)
  for (const [re, words] of DAEMON) {
    const match = re.exec(layer.label)
    if (match) return words(t, match)
  }
  return layer.label
}
