package dev.imagepipeline.generation.compliance;

import java.util.Arrays;

/**
 * Connected regions of an image, each with its area, bounding box and, for foreground regions, strongest contrast to the
 * background.
 */
final class Blobs {

    private int count;
    private int[] area = new int[64];
    private int[] minX = new int[64];
    private int[] minY = new int[64];
    private int[] maxX = new int[64];
    private int[] maxY = new int[64];
    private int[] contrast = new int[64];

    int count() {
        return count;
    }

    int area(int blob) {
        return area[blob];
    }

    int contrast(int blob) {
        return contrast[blob];
    }

    Box box(int blob) {
        return new Box(minX[blob], minY[blob], maxX[blob], maxY[blob]);
    }

    void add(int pixels, Box box, int strongest) {
        if (count == area.length) {
            int size = count * 2;
            area = Arrays.copyOf(area, size);
            minX = Arrays.copyOf(minX, size);
            minY = Arrays.copyOf(minY, size);
            maxX = Arrays.copyOf(maxX, size);
            maxY = Arrays.copyOf(maxY, size);
            contrast = Arrays.copyOf(contrast, size);
        }
        area[count] = pixels;
        minX[count] = box.minX();
        minY[count] = box.minY();
        maxX[count] = box.maxX();
        maxY[count] = box.maxY();
        contrast[count] = strongest;
        count++;
    }

    /** The blob with the most pixels, or -1 when there is none. */
    int largest() {
        int largest = -1;
        for (int blob = 0; blob < count; blob++) {
            if (largest < 0 || area[blob] > area[largest]) {
                largest = blob;
            }
        }
        return largest;
    }
}
