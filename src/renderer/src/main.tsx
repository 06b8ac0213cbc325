import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { forgetTokenInAddressBar } from './app/forgetToken'
import './styles.css'

forgetTokenInAddressBar()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
