export { type DerivedField, MemoryEntityWriter, type MemoryWriterOptions } from "./memoryWriter.js";
