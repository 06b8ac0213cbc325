import { useTranslation } from 'react-i18next'
import { useEffect, useState } from 'react'
import { useArchive } from './archiveStore'

/**
 * Dropping a `docker save` tar (or OCI archive) anywhere on the window asks what to do with it:
 * load it into the engine, or push it into a registry (ArchiveDropDialog). Electron hands main the
 * file's path; the web mode streams the file as the upload body.
 */
export function FileDropOverlay(): React.JSX.Element | null {
  const { t } = useTranslation()
  const [active, setActive] = useState(false)

  useEffect(() => {
    let depth = 0
    const hasFiles = (e: DragEvent): boolean => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files')
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      depth++
      setActive(true)
    }
    const over = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      e.preventDefault() // without this the browser opens the file instead
      e.dataTransfer!.dropEffect = 'copy'
    }
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setActive(false)
    }
    const drop = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      e.preventDefault()
      depth = 0
      setActive(false)
      const files = [...(e.dataTransfer?.files ?? [])]
      if (files.length) useArchive.getState().offer(files)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  }, [])

  if (!active) return null
  return (
    <div className="file-drop-overlay" data-testid="file-drop-overlay" aria-hidden="true">
      <div className="file-drop-box">
        <div className="file-drop-title">{t('drop.title')}</div>
        <div className="muted">{t('drop.what')}</div>
      </div>
    </div>
  )
}
