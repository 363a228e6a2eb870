/**
 * The words the edit grammar knows, English and Chinese, each with its part in a request: a verb
 * (what to do), an object (what it is done to), a modifier (how), a place (where), or the small
 * words that make a request a question, a thank-you or a negation. Several words share one key
 * ("softer", "quieter", "小声" are all `softer`), so the grammar reasons about keys, never about
 * spellings: a new way of saying something is one more entry here, not a new rule.
 */
export type Category =
  | 'verb'
  | 'object'
  | 'mod'
  | 'place'
  | 'ordinal'
  | 'quant'
  | 'degree'
  | 'neg'
  | 'no'
  | 'ask'
  | 'polite'
  | 'praise'
  | 'conj'
  | 'prep'
  | 'unit'
  | 'number'
  | 'filler';

export interface Entry {
  cat: Category;
  key: string;
  /** For numbers and ordinals. */
  value?: number;
}

type Row = [Category, string, string];

/** [category, key, "spelling|spelling|..."]; a spelling may be several words. */
const ROWS: Row[] = [
  // Verbs
  ['verb', 'change', 'change|set|rename|retitle|edit|update|alter|改|改成|改为|换成|变成|设为|设成|修改|更改|换'],
  ['verb', 'make', 'make|turn|get|give|让|变|弄'],
  ['verb', 'put', 'put|place|write|label|caption|show|display|放|写|写上|显示|加在|放在'],
  ['verb', 'move', 'move|bring|shift|reorder|移|移到|挪|挪到|调到|放到'],
  ['verb', 'swap', 'swap|switch|exchange|trade|交换|互换|对调|调换'],
  [
    'verb',
    'remove',
    'remove|delete|drop|lose|ditch|skip|get rid of|take out|take off|leave out|cut out|删|删除|删掉|去掉|拿掉|去除|移除|不要了',
  ],
  ['verb', 'add', 'add|insert|include|append|加|添加|加上|加入|添上|插入|增加'],
  ['verb', 'use', 'use|play|pick|choose|try|go with|switch to|用|使用|播放|选|换用'],
  ['verb', 'hold', 'hold|keep|stay|linger|last|停留|停|保持|展示'],
  ['verb', 'trim', 'trim|cut|shorten|crop|剪|剪掉|剪短|截取|裁剪'],
  ['verb', 'fade', 'fade|fade out|fade in|淡出|淡入|渐隐|渐显'],
  [
    'verb',
    'undo',
    'undo|revert|go back|take that back|take it back|change it back|change that back|undo that|撤销|撤回|还原|恢复上一步|返回上一步',
  ],
  ['verb', 'on', 'bring back|turn on|switch on|put back|restore|unmute|enable|恢复|打开|开启|加回'],
  ['verb', 'off', 'turn off|switch off|mute|silence|stop|disable|kill|关掉|关闭|关|静音|停掉'],
  ['verb', 'sign', 'sign|sign off|signed|署名|落款是'],
  ['verb', 'rotate', 'rotate|flip|straighten|旋转|转|翻转'],
  ['verb', 'replace', 'replace|替换'],
  [
    'verb',
    'focus',
    'focus|focus on|focused on|frame|reframe|centre on|center on|zoom in on|aim at|对准|聚焦|聚焦在|焦点|焦点放在|对焦|构图|重新构图',
  ],
  ['verb', 'name', 'call|name|title it|叫|命名为'],
  ['verb', 'read', 'read|reading|narrate|narrating|reading out|read out|read aloud|朗读|念|读|念出来|读出来'],
  ['verb', 'create', 'create|build|produce|generate|do|制作|做|做成|生成'],
  ['verb', 'start', 'start|begin|open|开始|开头用'],
  ['verb', 'end', 'end|finish|close|结束'],
  // Objects
  ['object', 'title', 'title|title card|heading|headline|opening card|标题|题目|片头|标题卡'],
  [
    'object',
    'closing',
    'ending|the ending|closing|closing card|closing line|closing words|end card|ending card|sign-off|signoff|signature|结尾|落款|署名|结束语|片尾|结尾卡',
  ],
  ['object', 'message', 'message|letter text|written message|typed message|my message|the message|信|内容|信的内容'],
  ['object', 'line', 'line|lines|sentence|sentences|句|句子|一句|一行|行'],
  ['object', 'captions', 'captions|caption|subtitles|subtitle|on-screen text|lettering|字幕'],
  ['object', 'text', 'text|words|writing|font|fonts|letters|文字|字|字体'],
  [
    'object',
    'photo',
    'photo|photos|picture|pictures|pic|pics|image|images|snap|snaps|photograph|photographs|照片|相片|图片|图|张',
  ],
  ['object', 'clip', 'clip|clips|video clip|video clips|footage|短片|片段|小视频|视频片段'],
  ['object', 'video', 'video|videos|视频'],
  ['object', 'moment', 'moment|moments|slide|slides|shot|shots|scene|scenes|one|ones|item|items|镜头|画面|个'],
  [
    'object',
    'music',
    'music|song|songs|tune|soundtrack|bgm|background music|background track|melody|音乐|背景音乐|歌|歌曲|曲子|配乐|bgm',
  ],
  [
    'object',
    'voice',
    'voice|voices|voice message|voice recording|voice note|voice memo|recording|recordings|audio message|voiceover|voice-over|录音|语音|语音留言|留言|人声|旁白',
  ],
  ['object', 'sound', 'sound|audio|volume|声音|音量'],
  ['object', 'transition', 'transition|transitions|crossfade|crossfades|dissolve|dissolves|转场|过渡'],
  ['object', 'letter', 'it|letter|video letter|whole thing|everything|film|movie|整个视频|视频信|成片|它|整体'],
  ['object', 'theme', 'theme|occasion|主题'],
  ['object', 'faces', 'face|faces|people|their faces|脸|人脸|脸部|人物'],
  [
    'object',
    'in-frame',
    'in frame|in the frame|in view|in shot|in the shot|in the picture|in picture|在画面里|在画面中|画面里|画面中|入镜|在镜头里|在画面内',
  ],
  ['object', 'pace', 'pace|pacing|speed|tempo|节奏|速度'],
  ['object', 'length', 'length|duration|runtime|时长|长度'],
  ['object', 'look', 'colours|colors|colour|color|tones|tone|look|filter|grade|style|色调|颜色|滤镜|风格'],
  ['object', 'narration', 'narration|text to speech|text-to-speech|tts|朗读|配音'],
  ['object', 'black', 'black|黑|黑屏'],
  [
    'object',
    'spoken',
    'what i said|what i say|what i recorded|what i spoke|my spoken words|the transcript|transcript|transcription|the words i said|我说的话|我说的|我讲的话|我讲的|录音里的话|口述',
  ],
  [
    'object',
    'typed',
    'my typed message|typed message|written message|my written message|what i wrote|typed text|my typed text|我写的|我写的话|我写的文字|打的字|输入的文字',
  ],
  ['mod', 'aloud', 'aloud|out loud|出声'],
  // Complaints say the opposite of what they ask: "the music is too loud" asks for it softer.
  ['mod', 'softer', 'too loud|is too loud|太大声|太响|太吵'],
  ['mod', 'louder', 'too quiet|too soft|is too quiet|hard to hear|太小声|听不清'],
  ['mod', 'slower', 'too fast|too quick|太快'],
  ['mod', 'faster', 'too slow|drags|太慢'],
  ['mod', 'bigger', 'too small|too tiny|hard to read|太小|看不清'],
  ['mod', 'smaller', 'too big|too large|太大'],
  ['mod', 'shorter', 'too long|太长'],
  ['mod', 'longer', 'too short|太短'],
  // Modifiers
  ['mod', 'bigger', 'bigger|larger|huge|large|big|大|大一点|大些|放大|更大'],
  ['mod', 'smaller', 'smaller|tinier|small|小|小一点|小些|缩小|更小'],
  ['mod', 'louder', 'louder|higher|turn up|turn it up|响|大声|响亮|调高|提高|加大|大声点'],
  ['mod', 'softer', 'softer|quieter|lower|turn down|turn it down|less loud|quiet|轻|小声|轻一点|调低|降低|减小|低'],
  ['mod', 'longer', 'longer|more time|多停留|多停|多停一会|多待|停久一点|久一些|长|长一点|久|久一点|更久|更长|延长'],
  ['mod', 'shorter', 'shorter|less time|短|短一点|缩短'],
  ['mod', 'slower', 'slower|slow down|more slowly|slow|慢|慢一点|慢点|放慢'],
  ['mod', 'faster', 'faster|speed up|quicker|snappier|more quickly|quick|快|快一点|快点|加快'],
  ['mod', 'softer-music', 'softer music|quieter music|轻一点的音乐'],
  ['mod', 'calmer', 'calmer|gentler|mellower|more relaxing|more peaceful|less busy|平静|舒缓一点|安静一点|柔和一点'],
  [
    'mod',
    'livelier',
    'livelier|happier|more upbeat|more cheerful|more energetic|more fun|brighter|更欢快|活泼|更活泼|热闹',
  ],
  ['mod', 'mood:gentle', 'gentle|calm|peaceful|relaxing|mellow|quiet music|轻柔|舒缓|安静|柔和'],
  ['mod', 'mood:warm', 'warm|warmer|cosy|cozy|tender|温馨|温暖'],
  ['mod', 'mood:uplifting', 'uplifting|hopeful|inspiring|upbeat|cheerful|励志|振奋|积极|明快'],
  ['mod', 'mood:celebration', 'celebration|celebratory|festive|party|joyful|happy|欢快|喜庆|庆祝|快乐'],
  ['mod', 'aspect:9:16', 'vertical|portrait|9:16|stories|story|reel|reels|tiktok|for my phone|竖屏|竖版|竖'],
  ['mod', 'aspect:1:1', 'square|1:1|instagram post|方形|正方形|方'],
  ['mod', 'aspect:16:9', 'landscape|horizontal|widescreen|16:9|横屏|横版|横'],
  ['mod', 'style:black-and-white', 'black and white|black-and-white|b&w|b/w|monochrome|grayscale|greyscale|黑白'],
  ['mod', 'style:vintage', 'vintage|retro|old film|film look|nostalgic|sepia|复古|怀旧|老照片'],
  ['mod', 'style:natural', 'natural|original|normal|true colours|true colors|原色|原图|自然'],
  ['mod', 'theme:birthday', 'birthday|bday|生日'],
  ['mod', 'theme:anniversary', 'anniversary|wedding anniversary|纪念日|结婚纪念日'],
  ['mod', 'theme:memorial', 'memorial|in memory|remembrance|funeral|追思|纪念|悼念'],
  ['mod', 'theme:thank-you', 'thank-you|thank you theme|thank you letter|thank you card|thank you note|感谢信|感恩'],
  [
    'mod',
    'theme:holiday',
    'holiday|christmas|xmas|new year|chinese new year|eid|hanukkah|thanksgiving|节日|圣诞|新年|春节|过年',
  ],
  ['mod', 'theme:just-because', 'just because|no occasion|日常'],
  ['mod', 'pos:top', 'top|upper|顶部|上面|上方|顶端|上边'],
  ['mod', 'pos:center', 'centre|center|middle|中间|居中|中央'],
  ['mod', 'pos:bottom', 'bottom|lower part|底部|下面|下方|底端|下边'],
  ['mod', 'font:bold', 'bold|bolder|thicker|heavier|粗|粗体|加粗'],
  ['mod', 'font:handwriting', 'handwriting|handwritten|script|cursive|手写|手写体'],
  ['mod', 'font:plain', 'plain|simple|clean|easier to read|easy to read|readable|clearer|普通|清楚|清晰|易读'],
  ['mod', 'font:italic', 'italic|italics|斜体'],
  ['mod', 'backing:outline', 'outline|outlined|border|描边'],
  ['mod', 'backing:band', 'band|box|banner|bar|background box|底色|底条|背景条'],
  ['mod', 'backing:shadow', 'shadow|阴影'],
  ['mod', 'cut', 'cut|cuts|hard cut|hard cuts|直接切|硬切'],
  ['mod', 'crossfade', 'crossfade|crossfades|dissolve|dissolves|fade between|交叉淡化|淡入淡出'],
  ['mod', 'clockwise', 'clockwise|to the right|right|顺时针|向右'],
  ['mod', 'anticlockwise', 'anticlockwise|counterclockwise|counter-clockwise|to the left|left|逆时针|向左'],
  ['mod', 'upside', 'upside down|倒过来|倒了|颠倒'],
  ['mod', 'upright', 'upright|the right way up|right way up|straight|sideways|正|摆正|转正'],
  ['mod', 'whole', 'whole|full|entire|complete|all of|完整|全部|整段'],
  [
    'mod',
    'uncropped',
    "uncropped|not cropped|without cropping|no cropping|don't crop|dont crop|do not crop|whole picture|whole photo|full picture|full photo|entire picture|entire photo|全图|整张|整张照片|完整的照片|不裁剪|不要裁剪|别裁剪|不要裁|别裁",
  ],
  ['mod', 'side:left', 'left|left side|the left|left-hand side|left edge|左|左边|左侧|左面'],
  ['mod', 'side:right', 'right|right side|the right|right-hand side|right edge|右|右边|右侧|右面'],
  // Places
  ['place', 'end', 'the end|end|last|the back|back|bottom of the list|最后|末尾|结尾处|最后面|后面|结束时|最后一个'],
  [
    'place',
    'start',
    'the start|start|beginning|the beginning|front|the front|opening|first|top|开头|最前|最前面|前面|开始|第一个',
  ],
  ['place', 'after', 'after|following|behind|之后|后|后面'],
  ['place', 'before', 'before|ahead of|in front of|之前|前'],
  // Counting
  ['ordinal', '1', 'first|1st|第一'],
  ['ordinal', '2', 'second|2nd|第二'],
  ['ordinal', '3', 'third|3rd|第三'],
  ['ordinal', '4', 'fourth|4th|第四'],
  ['ordinal', '5', 'fifth|5th|第五'],
  ['ordinal', '6', 'sixth|6th|第六'],
  ['ordinal', '7', 'seventh|7th|第七'],
  ['ordinal', '8', 'eighth|8th|第八'],
  ['ordinal', '9', 'ninth|9th|第九'],
  ['ordinal', '10', 'tenth|10th|第十'],
  ['ordinal', 'last', 'last|final|最后一|最后'],
  ['number', '1', 'one|a single|一|1'],
  ['number', '2', 'two|couple of|a couple of|二|两|2'],
  ['number', '3', 'three|三|3'],
  ['number', '4', 'four|四|4'],
  ['number', '5', 'five|五|5'],
  ['number', '6', 'six|六|6'],
  ['number', '7', 'seven|七|7'],
  ['number', '8', 'eight|八|8'],
  ['number', '9', 'nine|九|9'],
  ['number', '10', 'ten|十|10'],
  ['number', '0.5', 'half a|half|半'],
  ['quant', 'each', 'each|every|all|all the|all of the|every single|每|每张|每个|所有|全部的|每一张'],
  ['quant', 'only', 'only|just|only the|just the|只|只要|只用|只保留|仅'],
  ['quant', 'first-n', 'the first|前'],
  [
    'degree',
    'bit',
    'a bit|a little|a little bit|slightly|a touch|a tad|somewhat|little|一点|一些|一点点|稍微|稍|有点|些',
  ],
  ['degree', 'much', 'much|a lot|way|lots|really|very|far|much more|a lot more|很多|多|大大|非常|很'],
  // Request shape
  [
    'neg',
    'not',
    "don't|dont|do not|never|no need to|doesn't need to|does not need to|not|不要|别|不用|不必|没必要|无需|先别|不",
  ],
  ['no', 'no', 'no|without|none|没有|无'],
  [
    'ask',
    'wh',
    "what|which|how|why|where|who|when|whose|what's|whats|how's|is it|is this|is that|is there|are there|are|is|does|did|do you|was|has|什么|哪|哪个|哪张|怎么|为什么|多少|多长|几|是不是|吗|呢",
  ],
  [
    'polite',
    'please',
    "please|pls|can you|could you|would you|will you|can we|could we|let's|lets|i want|i'd like|i would like|i need|we want|go ahead and|kindly|how about|what about|请|帮我|帮忙|麻烦|能不能|可不可以|可以|能否|我想|我要|希望",
  ],
  [
    'praise',
    'praise',
    'great|lovely|perfect|beautiful|amazing|wonderful|awesome|nice|love it|i love it|love this|looks good|looks great|good|fantastic|brilliant|excellent|cute|well done|gorgeous|thanks|thank you|thx|ty|cool|好看|很好|太棒了|棒|漂亮|完美|不错|喜欢|谢谢|感谢|辛苦了|好的|可以了|很棒|赞',
  ],
  ['conj', 'and', 'and|plus|as well as|&|和|跟|与|及|以及'],
  [
    'conj',
    'then',
    'then|also|but|but also|after that|and then|and also|afterwards|然后|并且|接着|再|还有|另外|同时|还要|也',
  ],
  ['prep', 'to', 'to|into|as|=|say|says|saying|reads|that says|that reads|成|为|到|改成|变成|写着'],
  ['prep', 'on', 'on|onto|over|under|during|across|with|在|上'],
  ['prep', 'from', 'from|by|出自|来自'],
  ['prep', 'of', 'of|的'],
  ['prep', 'for', 'for|per|for about|给'],
  ['prep', 'than', 'than|compared to|比'],
  ['prep', 'instead', 'instead|instead of|rather than|而不是'],
  ['prep', 'at', 'at|in|around|about|位于'],
  // "不超过两分钟" bounds a length; read whole, its 不 is no negation.
  ['prep', 'within', '不超过|不到|以内|之内|最多'],
  ['unit', 'seconds', 'seconds|second|secs|sec|s|秒|秒钟'],
  ['unit', 'minutes', 'minutes|minute|mins|min|分钟|分'],
  ['unit', 'percent', '%|percent|per cent|％'],
  [
    'filler',
    'the',
    'the|a|an|my|our|this|that|these|those|its|their|your|some|something|somewhat|me|us|we|i|you|把|将|给我|一下|吧|了|呀|啊|哦|请你|现在|now|so|ok|okay|oh|hey|hi|also just|的话|一个|个',
  ],
];

/** English spellings (lowercase, single spaces) and Chinese spellings, each to its entries. */
export const LEXICON = new Map<string, Entry[]>();
for (const [cat, key, spellings] of ROWS) {
  for (const spelling of spellings.split('|')) {
    const numeric = cat === 'number' || cat === 'ordinal' ? Number(key) : NaN;
    const entry: Entry = Number.isNaN(numeric) ? { cat, key } : { cat, key, value: numeric };
    const list = LEXICON.get(spelling) ?? [];
    list.push(entry);
    LEXICON.set(spelling, list);
  }
}

/** The longest English spelling, in words, and Chinese spelling, in characters: how far a match may reach. */
export const LONGEST_WORDS = Math.max(...[...LEXICON.keys()].map((k) => k.split(' ').length));
export const LONGEST_CHARS = 6;
