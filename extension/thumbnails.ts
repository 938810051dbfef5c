/**
 * The thumbnails the user sees right now: those of the one grid the extension has not hidden
 * (the host's catalog grid, or the grid of a displayed collection), in screen order.
 */
import { readThumbnail, selectors, type ThumbnailInfo } from './host-profile.js';
import { isHiddenByExtension } from './view-state.js';

function findDisplayedGrid(): HTMLElement | undefined {
  return [...document.querySelectorAll<HTMLElement>(selectors.thumbnailGrid)].find((grid) => !isHiddenByExtension(grid));
}

/** The displayed thumbnail elements, in screen order. */
export function displayedThumbnailElements(): NodeListOf<HTMLElement> | [] {
  return findDisplayedGrid()?.querySelectorAll<HTMLElement>(selectors.thumbnail) ?? [];
}

function displayedThumbnails(): { element: HTMLElement; info: ThumbnailInfo }[] {
  const thumbnails = [];
  for (const element of displayedThumbnailElements()) {
    const info = readThumbnail(element);
    if (info) thumbnails.push({ element, info });
  }
  return thumbnails;
}

export function displayedIds(): string[] {
  return displayedThumbnails().map((thumbnail) => thumbnail.info.id);
}
