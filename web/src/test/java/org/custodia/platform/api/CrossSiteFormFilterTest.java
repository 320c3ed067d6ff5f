package org.custodia.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.custodia.platform.context.PublicUrl;
import org.junit.jupiter.api.Test;

class CrossSiteFormFilterTest {

    @Test
    void onlyThisSitesOriginOrABrowserSayingSameOriginPasses() {
        assertThat(CrossSiteFormFilter.fromThisSite(PublicUrl.origin(), "same-origin")).isTrue();
        assertThat(CrossSiteFormFilter.fromThisSite("https://prize.example", "cross-site")).isFalse();
        assertThat(CrossSiteFormFilter.fromThisSite(PublicUrl.origin() + ".prize.example", null)).as("a prefix is no match").isFalse();
        assertThat(CrossSiteFormFilter.fromThisSite(null, "same-site")).as("a sibling site or another port").isFalse();
        assertThat(CrossSiteFormFilter.fromThisSite(null, "cross-site")).isFalse();
        assertThat(CrossSiteFormFilter.fromThisSite(null, null)).as("no browser: curl and scripts carry no cookie by accident").isTrue();
        assertThat(CrossSiteFormFilter.fromThisSite("null", "same-origin")).as("this site's own form, no referrer sent").isTrue();
        assertThat(CrossSiteFormFilter.fromThisSite("null", "cross-site")).as("a sandboxed frame elsewhere").isFalse();
        assertThat(CrossSiteFormFilter.fromThisSite("null", null)).isFalse();
    }
}
