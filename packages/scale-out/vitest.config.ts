import { defineConfig } from 'vitest/config';
import { vstdsTestConfig } from '../../vitest.shared';

export default defineConfig(vstdsTestConfig(__dirname));
