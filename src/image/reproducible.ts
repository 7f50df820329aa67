/**
 * --check-reproducible for images: assemble the images twice (from two builds' output folders, or
 * twice from one) and compare the index digest and every platform's manifest digest. A manifest
 * digest covers its config and layers, so equal manifests mean equal images.
 */
import type { AlsoCompared, ReproducibilityDifference, SecondBuildCheck } from '../gobuild/reproducible.ts';
import type { ImageSet } from './image-set.ts';
import { makeImages, makeOptionsOf } from './make.ts';
import type { ImageSettings } from './settings.ts';

/** What is compared: the index and each platform image, by target. */
export interface ImageDigests {
  index: string;
  images: ReadonlyArray<{ target: string; digest: string }>;
}

export function imageDigestsOf(set: ImageSet): ImageDigests {
  return { index: set.index.descriptor.digest, images: set.images.map((i) => ({ target: i.target, digest: i.manifest.descriptor.digest })) };
}

/** Pure: each platform image of the first assembly against the second's (null: not made), then the index. */
export function compareImageDigests(first: ImageDigests, second: ImageDigests): AlsoCompared {
  const secondByTarget = new Map(second.images.map((i) => [i.target, i.digest]));
  const firstTargets = new Set(first.images.map((i) => i.target));
  const differences: ReproducibilityDifference[] = [
    ...first.images.filter((i) => secondByTarget.get(i.target) !== i.digest).map((i) => ({ target: i.target, file: 'image manifest', first: i.digest, second: secondByTarget.get(i.target) ?? null })),
    ...second.images.filter((i) => !firstTargets.has(i.target)).map((i) => ({ target: i.target, file: 'image manifest', first: null, second: i.digest })),
  ];
  if (first.index !== second.index) differences.push({ target: null, file: 'image index', first: first.index, second: second.index });
  return { compared: first.images.length, differences };
}

/** Assembled in memory: no layout, no push, nothing recorded in the manifest. */
export async function assembledDigests(settings: ImageSettings, env: NodeJS.ProcessEnv = process.env): Promise<ImageDigests> {
  return imageDigestsOf((await makeImages(makeOptionsOf(settings, env))).set);
}

/** For `build --image --check-reproducible`: the images of the first build's folder against the second's. */
export function imagesCheck(settings: ImageSettings, env: NodeJS.ProcessEnv = process.env): SecondBuildCheck {
  return {
    name: 'images',
    // One after the other: each assembly holds its layers in memory.
    async compare(firstDir, secondDir) {
      const first = await assembledDigests({ ...settings, dist: firstDir }, env);
      return compareImageDigests(first, await assembledDigests({ ...settings, dist: secondDir }, env));
    },
  };
}

/** For `gocross image --check-reproducible`: two assemblies from the same folder, with the same SOURCE_DATE_EPOCH, must agree. */
export async function checkImagesReproducible(settings: ImageSettings, env: NodeJS.ProcessEnv = process.env): Promise<AlsoCompared> {
  const first = await assembledDigests(settings, env);
  return compareImageDigests(first, await assembledDigests(settings, env));
}
