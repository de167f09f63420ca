/* Search is added in issue 8; with JavaScript off every page lists its units. */
