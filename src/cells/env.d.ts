/// <reference types="vite/client" />
// The cells import data files with Vite's ?url and ?raw, and their sources with import.meta.glob.
