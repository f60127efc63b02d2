export { packageInfo } from './package-info';
