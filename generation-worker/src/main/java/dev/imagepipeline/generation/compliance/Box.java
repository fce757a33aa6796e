package dev.imagepipeline.generation.compliance;

/** A rectangle of pixels, both corners inclusive. */
record Box(int minX, int minY, int maxX, int maxY) {

    int width() {
        return maxX - minX + 1;
    }

    int height() {
        return maxY - minY + 1;
    }

    Box union(Box other) {
        return new Box(Math.min(minX, other.minX), Math.min(minY, other.minY), Math.max(maxX, other.maxX),
                Math.max(maxY, other.maxY));
    }

    boolean contains(Box other) {
        return other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY;
    }

    double centreX() {
        return (minX + maxX + 1) / 2.0;
    }

    double centreY() {
        return (minY + maxY + 1) / 2.0;
    }
}
