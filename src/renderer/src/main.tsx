import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './lib/i18n' // first: the language is chosen before anything renders
import { App } from './App'
import { forgetTokenInAddressBar } from './app/forgetToken'
import './styles.css'

forgetTokenInAddressBar()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
