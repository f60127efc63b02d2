export { loadNativeAddon, type NativeAddon } from './native-addon';
